import { FolioError } from '../../app/contract/errors';
import { isSiteTemplateId } from '../../app/templates/site-templates';
import { FormTemplateSchema, type FormTemplate } from '../../app/templates/template';
import { logger } from '../log/logger';
import type { VaultDatabase } from './database';

const log = logger('templates');

/** A site's template as the vault keeps it, with who made and last changed it. */
export interface StoredTemplate {
  template: FormTemplate;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

interface TemplateRow {
  template: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

const COLUMNS = 'template, created_at, created_by, updated_at, updated_by';

/**
 * The site's form templates, in the encrypted database. Every template is checked against
 * FormTemplateSchema going in, and again coming out: a row a newer Folio wrote in a shape this
 * one does not know is left out of the list (and logged by count) rather than read wrongly.
 */
export class TemplateStore {
  constructor(private readonly db: VaultDatabase) {}

  list(): StoredTemplate[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM form_templates ORDER BY name COLLATE NOCASE, id`).all() as TemplateRow[];
    const stored = rows.flatMap((row) => {
      const read = fromRow(row);
      return read ? [read] : [];
    });
    if (stored.length < rows.length) log.warn('form templates left out: not readable by this version', { count: rows.length - stored.length });
    return stored;
  }

  get(id: string): StoredTemplate | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM form_templates WHERE id = ?`).get(id) as TemplateRow | undefined;
    return row ? fromRow(row) : null;
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM form_templates WHERE id = ?').get(id) !== undefined;
  }

  /** Creates the template or replaces the one of its id; says which, with what it replaced. */
  save(template: FormTemplate, actorId: string, at: string): { created: boolean; previous: FormTemplate | null } {
    const checked = FormTemplateSchema.safeParse(template);
    if (!checked.success) throw new FolioError('invalid_input', 'This form template does not follow the template rules.');
    const valid = checked.data;
    if (!isSiteTemplateId(valid.id)) throw new FolioError('conflict', 'Only site templates are kept in the vault; a built-in form cannot be changed.');
    return this.db.transaction(() => {
      const previous = this.get(valid.id);
      if (previous) {
        this.db
          .prepare('UPDATE form_templates SET name = ?, kind = ?, template = ?, updated_at = ?, updated_by = ? WHERE id = ?')
          .run(valid.name, valid.kind, JSON.stringify(valid), at, actorId, valid.id);
      } else {
        this.db
          .prepare(`INSERT INTO form_templates (id, name, kind, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(valid.id, valid.name, valid.kind, JSON.stringify(valid), at, actorId, at, actorId);
      }
      return { created: previous === null, previous: previous?.template ?? null };
    })();
  }

  /** Removes the template; returns what it was, or null when there was none. */
  delete(id: string): FormTemplate | null {
    return this.db.transaction(() => {
      const previous = this.get(id);
      if (previous) this.db.prepare('DELETE FROM form_templates WHERE id = ?').run(id);
      return previous?.template ?? null;
    })();
  }
}

function fromRow(row: TemplateRow): StoredTemplate | null {
  let json: unknown;
  try {
    json = JSON.parse(row.template);
  } catch {
    return null;
  }
  const parsed = FormTemplateSchema.safeParse(json);
  if (!parsed.success) return null;
  return { template: parsed.data, createdAt: row.created_at, createdBy: row.created_by, updatedAt: row.updated_at, updatedBy: row.updated_by };
}
