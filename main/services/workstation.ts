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
import { FieldService } from './field-service';
import { PagePipeline } from './page-pipeline';
import { defaultResourcesDir, ValidationContextProvider } from './validation-context';
import { FieldStore } from '../vault/field-store';
import { EventBus } from './event-bus';

const log = logger('workstation');

export interface WorkstationOptions {
  dataDir: string;
  engine?: EnginePreference;
  /** Pages recognised at once; defaults to the number of cores. */
  workers?: number;
  vaultKey?: Buffer | null;
  /** `resources/` (code sets, models); defaults to the folder beside the code. */
  resourcesDir?: string;
  /** The clock, injectable so date checks are reproducible in tests. */
  now?: () => Date;
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
  const store = new DocumentStore(db);
  const fieldStore = new FieldStore(db);
  const now = options.now ?? (() => new Date());
  const fields = new FieldService(store, fieldStore, new ValidationContextProvider(options.resourcesDir ?? defaultResourcesDir(), now));
  const pipeline = new PagePipeline({ store, engine, queue, events, onDocumentRead: (id) => fields.analyse(id) });
  const documents = new DocumentService({ store, fields: fieldStore, pipeline, queue, events, now });

  const dispatch = createDispatcher({
    'documents.import': (input) => documents.importFiles(input),
    'documents.list': () => ({ documents: documents.list() }),
    'documents.get': (input) => documents.get(input.documentId),
    'documents.approve': (input) => documents.approve(input),
    'documents.setKind': async (input) => {
      documents.assertEditable(input.documentId);
      await fields.setKind(input.documentId, input.kind);
      return documents.get(input.documentId);
    },
    'documents.cancel': (input) => ({ cancelledPages: documents.cancel(input.documentId) }),
    'words.update': (input) => documents.updateWord(input),
    'fields.update': async (input) => {
      documents.assertEditable(input.documentId);
      return { fields: await fields.update(input.documentId, input.fieldId, input.value) };
    },
  });

  pipeline.resumeUnfinished();
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
