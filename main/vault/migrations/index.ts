import type Database from 'better-sqlite3-multiple-ciphers';
import { m001Documents } from './001-documents';

export interface Migration {
  /** Numbered from 1, append-only: a shipped migration is never edited, only followed. */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [m001Documents];

export const SCHEMA_VERSION = migrations.length;
