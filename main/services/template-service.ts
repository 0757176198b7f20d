import { FolioError } from '../../app/contract/errors';
import type { TemplateSummary, TemplateTrialPage } from '../../app/contract/templates';
import type { DocumentKind, Field } from '../../app/model/field';
import { proposeTemplate } from '../../app/templates/propose';
import { parseTemplateFile, siteTemplateId, templateFileText, templateIdFromName, type TemplateDraft } from '../../app/templates/site-templates';
import type { FormTemplate } from '../../app/templates/template';
import { tryTemplate } from '../../app/templates/try-template';
import { logger } from '../log/logger';
import type { TemplateFacts } from '../vault/audit-events';
import type { AuditLog } from '../vault/audit-log';
import type { VaultDatabase } from '../vault/database';
import type { DocumentStore } from '../vault/document-store';
import type { FieldStore } from '../vault/field-store';
import type { TemplateStore } from '../vault/template-store';
import type { FormTemplates } from './form-templates';
import type { ValidationContextProvider } from './validation-context';

const log = logger('templates');

export interface TemplateServiceDeps {
  db: VaultDatabase;
  store: TemplateStore;
  forms: FormTemplates;
  audit: AuditLog;
  documents: DocumentStore;
  fieldStore: FieldStore;
  validation: ValidationContextProvider;
  /** A person's display name, for "last changed by". */
  userName: (userId: string) => string | null;
  now: () => Date;
}

const DRAFT_NAME = 'New form';

/**
 * The form designer's rules: site templates are created, changed, deleted, imported and
 * exported here, each change and its audit row in one transaction; built-in ones are only ever
 * read. Saving re-reads nothing: documents already read keep their fields until a page is read
 * again, so a half-finished template cannot silently rewrite work under review.
 */
export class TemplateService {
  constructor(private readonly deps: TemplateServiceDeps) {}

  list(): TemplateSummary[] {
    return [...this.deps.forms.builtIns().map((template) => this.summary(template, null)), ...this.deps.forms.site().map((stored) => this.summary(stored.template, stored))];
  }

  get(id: string): { template: FormTemplate; summary: TemplateSummary } {
    const builtIn = this.deps.forms.builtIn(id);
    if (builtIn) return { template: builtIn, summary: this.summary(builtIn, null) };
    const stored = this.deps.store.get(id);
    if (!stored) throw new FolioError('not_found', 'There is no form template with that id.');
    return { template: stored.template, summary: this.summary(stored.template, stored) };
  }

  /** Creates or updates a site template; an id outside the site namespace is moved into it. */
  save(actorId: string, input: FormTemplate): TemplateSummary {
    const template = { ...input, id: siteTemplateId(input.id) };
    const saved = this.deps.db.transaction(() => {
      const { created, previous } = this.deps.store.save(template, actorId, this.now());
      const facts = factsOf(template);
      if (created || !previous) this.deps.audit.append(actorId, { kind: 'template-create', ...facts });
      else this.deps.audit.append(actorId, { kind: 'template-update', ...facts, previousName: previous.name, previousZones: previous.zones.length });
      return this.deps.store.get(template.id);
    })();
    this.deps.forms.changed();
    log.info('form template saved', { zones: template.zones.length, printed: template.printed.length });
    return this.summary(template, saved);
  }

  delete(actorId: string, id: string): { id: string } {
    if (this.deps.forms.builtIn(id)) throw new FolioError('conflict', 'A built-in form template cannot be deleted.');
    this.deps.db.transaction(() => {
      const removed = this.deps.store.delete(id);
      if (!removed) throw new FolioError('not_found', 'There is no site form template with that id.');
      this.deps.audit.append(actorId, { kind: 'template-delete', templateId: removed.id, name: removed.name });
    })();
    this.deps.forms.changed();
    return { id };
  }

  export(actorId: string, id: string): { id: string; fileName: string; json: string } {
    const { template, summary } = this.get(id);
    this.deps.audit.append(actorId, { kind: 'template-export', templateId: template.id, name: template.name, builtIn: summary.builtIn });
    return { id: template.id, fileName: `${template.id}.folio-template.json`, json: templateFileText(template) };
  }

  /** A template file from another site: checked, moved into the site namespace, never over one of ours unless asked. */
  import(actorId: string, json: string, replace: boolean): TemplateSummary {
    const reading = parseTemplateFile(json);
    if (!reading.ok) throw new FolioError('invalid_input', reading.message);
    const template = { ...reading.template, id: siteTemplateId(reading.template.id) };
    const saved = this.deps.db.transaction(() => {
      if (this.deps.store.has(template.id) && !replace) {
        throw new FolioError('conflict', 'This site already has a form template with the same id. Import it again choosing to replace it, or change the id in the file.');
      }
      const { created } = this.deps.store.save(template, actorId, this.now());
      this.deps.audit.append(actorId, { kind: 'template-import', ...factsOf(template), replaced: !created });
      return this.deps.store.get(template.id);
    })();
    this.deps.forms.changed();
    return this.summary(template, saved);
  }

  /** A draft from a sample page: its size, its words as printed-text runs, no zones. */
  propose(input: { documentId: string; pageIndex: number; name?: string | undefined; kind?: DocumentKind | undefined }): TemplateDraft {
    const page = this.readPage(input.documentId, input.pageIndex);
    const name = input.name ?? DRAFT_NAME;
    const kind = input.kind ?? this.deps.fieldStore.kind(input.documentId).kind ?? 'other';
    return proposeTemplate(page, { id: this.freeId(templateIdFromName(name)), name, kind });
  }

  /** What the template reads from the document's pages now, stored nowhere. */
  async test(documentId: string, template: FormTemplate): Promise<{ pages: TemplateTrialPage[]; fields: Field[] }> {
    if (!this.deps.documents.summary(documentId)) throw new FolioError('not_found', 'That document does not exist.');
    const pages = this.deps.documents.pages(documentId);
    const words = pages.flatMap((page) => page.words);
    return tryTemplate(words, pages, template, await this.deps.validation.get());
  }

  private readPage(documentId: string, pageIndex: number): { width: number; height: number; words: ReturnType<DocumentStore['words']> } {
    if (!this.deps.documents.summary(documentId)) throw new FolioError('not_found', 'That document does not exist.');
    const page = this.deps.documents.pages(documentId)[pageIndex];
    if (!page) throw new FolioError('not_found', 'That document has no such page.');
    if (page.width === 0 || page.status !== 'done') throw new FolioError('conflict', 'This page has not been read yet. Choose it again once Folio has read it.');
    return page;
  }

  /** The id itself, or with a number after it while a site template already has it. */
  private freeId(id: string): string {
    if (!this.deps.store.has(id)) return id;
    for (let n = 2; ; n += 1) {
      const candidate = `${id.slice(0, 60)}-${n}`;
      if (!this.deps.store.has(candidate)) return candidate;
    }
  }

  private now(): string {
    return this.deps.now().toISOString();
  }

  private summary(template: FormTemplate, stored: { createdAt: string; updatedAt: string; updatedBy: string } | null): TemplateSummary {
    return {
      id: template.id,
      name: template.name,
      kind: template.kind,
      builtIn: stored === null,
      zones: template.zones.length,
      printed: template.printed.length,
      createdAt: stored?.createdAt ?? null,
      updatedAt: stored?.updatedAt ?? null,
      updatedBy: stored ? (this.deps.userName(stored.updatedBy) ?? 'unknown user') : null,
    };
  }
}

function factsOf(template: FormTemplate): TemplateFacts {
  return { templateId: template.id, name: template.name, formKind: template.kind, zones: template.zones.length, printed: template.printed.length };
}
