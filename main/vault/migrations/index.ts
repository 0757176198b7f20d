import type Database from 'better-sqlite3-multiple-ciphers';
import { m001Documents } from './001-documents';
import { m002UsersAndSettings } from './002-users-and-settings';
import { m003AuditTrail } from './003-audit-trail';
import { m004Search } from './004-search';
import { m005FieldsAndKind } from './005-fields-and-kind';
import { m006WatchFolder } from './006-watch-folder';
import { m007BlobFiles } from './007-blob-files';
import { m008ExportMarks } from './008-export-marks';
import { m009QueueIndexes } from './009-queue-indexes';
import { m010FormTemplates } from './010-form-templates';
import { m011AuditSeals } from './011-audit-seals';
import { m012ApiTokens } from './012-api-tokens';

export interface Migration {
  /** Numbered from 1, append-only: a shipped migration is never edited, only followed. */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database, context: MigrationContext): void;
}

/** What a migration may touch besides the database: the vault's folder of blob files. */
export interface MigrationContext {
  readonly blobDir: string;
}

export const migrations: readonly Migration[] = [m001Documents, m002UsersAndSettings, m003AuditTrail, m004Search, m005FieldsAndKind, m006WatchFolder, m007BlobFiles, m008ExportMarks, m009QueueIndexes, m010FormTemplates, m011AuditSeals, m012ApiTokens];

export const SCHEMA_VERSION = migrations.length;
