import type { OcrEngine } from '../ocr/engine';
import type { JobQueue } from '../pipeline/job-queue';
import { DocumentStore } from '../vault/document-store';
import { FieldStore } from '../vault/field-store';
import { BulkApprovalService } from './bulk-approval-service';
import { DocumentService } from './document-service';
import type { EventBus } from './event-bus';
import { ExportService } from './export-service';
import { FormTemplates } from './form-templates';
import { FieldService } from './field-service';
import { PagePipeline } from './page-pipeline';
import { ProgressiveFields } from './progressive-fields';
import { RowStructureService } from './row-structure-service';
import { RegionService } from './region-service';
import { TemplateService } from './template-service';
import { TemplateStore } from '../vault/template-store';
import { ValidationContextProvider } from './validation-context';
import type { OpenVault } from './vault-session';

/** What works on the open vault: documents, their pages and fields. Built when the vault opens. */
export interface DocumentServices {
  store: DocumentStore;
  fieldStore: FieldStore;
  fields: FieldService;
  pipeline: PagePipeline;
  documents: DocumentService;
  validation: ValidationContextProvider;
  exports: ExportService;
  templates: TemplateService;
  regions: RegionService;
  bulkApproval: BulkApprovalService;
  rows: RowStructureService;
}

export interface DocumentServicesDeps {
  engine: () => OcrEngine;
  queue: JobQueue;
  events: EventBus;
  resourcesDir: string;
  /** The workstation's data folder (plaintext exports are refused inside it). */
  dataDir: string;
  now: () => Date;
}

export function createDocumentServices(vault: OpenVault, deps: DocumentServicesDeps): DocumentServices {
  const store = new DocumentStore(vault.db, vault.blobs);
  const fieldStore = new FieldStore(vault.db);
  const validation = new ValidationContextProvider(deps.resourcesDir, deps.now, () => ({
    icd10: vault.settings.get('icd10File'),
    hcpcs: vault.settings.get('hcpcsFile'),
  }), deps.dataDir);
  const templateStore = new TemplateStore(vault.db);
  const templates = new FormTemplates(templateStore);
  const fields = new FieldService(store, fieldStore, validation, vault.search, templates);
  const progressive = new ProgressiveFields({ fields, store, events: deps.events });
  const pipeline = new PagePipeline({
    store,
    engine: deps.engine,
    templates: () => templates.list(),
    queue: deps.queue,
    events: deps.events,
    onDocumentRead: (id) => progressive.documentRead(id),
    onPageRead: (id) => progressive.pageRead(id),
  });
  const documents = new DocumentService({ store, fields: fieldStore, pipeline, queue: deps.queue, events: deps.events, now: deps.now });
  const exports = new ExportService({
    db: vault.db,
    store,
    fieldStore,
    audit: vault.audit,
    userName: (userId) => vault.users.get(userId)?.name ?? null,
    dataDir: deps.dataDir,
    now: deps.now,
  });
  const formTemplates = new TemplateService({
    db: vault.db,
    store: templateStore,
    forms: templates,
    audit: vault.audit,
    documents: store,
    fieldStore,
    validation,
    userName: (userId) => vault.users.get(userId)?.name ?? null,
    now: deps.now,
  });
  const bulkApproval = new BulkApprovalService({ db: vault.db, store, fieldStore, documents, audit: vault.audit });
  return { store, fieldStore, fields, pipeline, documents, validation, exports, templates: formTemplates, regions: new RegionService(store, deps.engine), bulkApproval, rows: new RowStructureService(fieldStore) };
}
