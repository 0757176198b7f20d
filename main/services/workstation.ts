import os from 'node:os';
import path from 'node:path';
import { logger } from '../log/logger';
import { selectOcrEngine, type EnginePreference } from '../ocr/select';
import type { OcrEngine } from '../ocr/engine';
import { JobQueue } from '../pipeline/job-queue';
import { openDatabase, type VaultDatabase } from '../vault/database';
import { DocumentStore } from '../vault/document-store';
import { createDispatcher, type Dispatch } from './dispatcher';
import { DocumentService } from './document-service';
import { EventBus } from './event-bus';

const log = logger('workstation');

export interface WorkstationOptions {
  dataDir: string;
  engine?: EnginePreference;
  /** Pages recognised at once; defaults to the number of cores. */
  workers?: number;
  vaultKey?: Buffer | null;
}

/** Everything a host needs: one dispatcher, one event bus, the page-image source, and shutdown. */
export interface Workstation {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly documents: DocumentService;
  readonly engine: OcrEngine;
  readonly dataDir: string;
  /** Waits for queued OCR to finish (tests, CLI). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function vaultFile(dataDir: string): string {
  return path.join(dataDir, 'vault', 'folio.db');
}

export function openWorkstation(options: WorkstationOptions): Workstation {
  const workers = options.workers ?? Math.max(1, os.availableParallelism());
  const db: VaultDatabase = openDatabase({ file: vaultFile(options.dataDir), key: options.vaultKey ?? null });
  const events = new EventBus();
  const engine = selectOcrEngine(options.engine ?? 'auto', workers);
  const queue = new JobQueue(workers);
  const documents = new DocumentService({ store: new DocumentStore(db), engine, queue, events });

  const dispatch = createDispatcher({
    'documents.import': (input) => documents.importFiles(input),
    'documents.list': () => ({ documents: documents.list() }),
    'documents.get': (input) => documents.get(input.documentId),
    'documents.approve': (input) => documents.approve(input.documentId),
    'words.update': (input) => documents.updateWord(input),
  });

  documents.resumeUnfinished();
  log.info('workstation open', { engine: engine.name, workers });

  return {
    dispatch,
    events,
    documents,
    engine,
    dataDir: options.dataDir,
    idle: () => queue.onIdle(),
    async close() {
      queue.cancel();
      await queue.onIdle();
      await engine.close();
      db.close();
    },
  };
}
