import type { Migration } from './index';

/**
 * Form templates a site designs or imports (issue 10), beside the built-in ones that ship in
 * the code. The template itself is JSON checked by FormTemplateSchema on the way in and on the
 * way out; name and kind are copied into columns so the list needs no JSON. Site ids live in
 * their own namespace (`site.…`), which the CHECK holds, so no row can ever shadow a built-in
 * form. Who created and last changed a template is kept here for the designer's list; the
 * audit trail keeps every change.
 */
export const m010FormTemplates: Migration = {
  version: 10,
  name: 'form templates',
  up(db) {
    db.exec(`
      CREATE TABLE form_templates (
        id TEXT PRIMARY KEY CHECK (id LIKE 'site.%'),
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        template TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
    `);
  },
};
