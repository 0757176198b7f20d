import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CMS1500_TEMPLATE } from '../../../app/templates/cms1500';
import { FormTemplateSchema, type FormTemplate } from '../../../app/templates/template';
import { openDatabase, type VaultDatabase } from '../../../main/vault/database';
import { SCHEMA_VERSION } from '../../../main/vault/migrations/index';
import { TemplateStore } from '../../../main/vault/template-store';
import { folioErrorOf, legacyVault, openTestVault, useTempDirs } from './vault-fixtures';

/** The site's form templates in the encrypted vault (migration 10), on a real SQLCipher file. */

const INTAKE: FormTemplate = FormTemplateSchema.parse({
  id: 'site.intake',
  name: 'Sunrise intake',
  kind: 'other',
  size: { width: 2550, height: 3300 },
  printed: [{ text: 'Patient name:', box: { x: 150, y: 420, width: 330, height: 45 } }],
  zones: [{ field: 'patient.name', box: { x: 695, y: 441, width: 560, height: 69 }, type: 'name', required: true }],
});

function addUser(db: VaultDatabase, id: string): void {
  db.prepare(
    `INSERT INTO users (id, name, role, passphrase_hash, passphrase_salt, scrypt_n, scrypt_r, scrypt_p, created_at)
     VALUES (?, ?, 'admin', x'00', x'00', 16384, 8, 1, '2026-01-01T00:00:00.000Z')`,
  ).run(id, id);
}

describe('TemplateStore (real SQLCipher vault)', () => {
  const tempDir = useTempDirs();
  let db: VaultDatabase;
  let store: TemplateStore;

  beforeEach(() => {
    db = openTestVault(tempDir()).db;
    addUser(db, 'ada');
    addUser(db, 'bo');
    store = new TemplateStore(db);
  });
  afterEach(() => db.close());

  it('creates, reads back exactly what was saved, updates with who and when, and deletes', () => {
    expect(store.save(INTAKE, 'ada', '2026-03-01T10:00:00.000Z')).toEqual({ created: true, previous: null });
    expect(store.get('site.intake')).toEqual({ template: INTAKE, createdAt: '2026-03-01T10:00:00.000Z', createdBy: 'ada', updatedAt: '2026-03-01T10:00:00.000Z', updatedBy: 'ada' });
    const renamed = { ...INTAKE, name: 'Sunrise intake v2' };
    expect(store.save(renamed, 'bo', '2026-03-02T10:00:00.000Z')).toEqual({ created: false, previous: INTAKE });
    expect(store.list()).toEqual([{ template: renamed, createdAt: '2026-03-01T10:00:00.000Z', createdBy: 'ada', updatedAt: '2026-03-02T10:00:00.000Z', updatedBy: 'bo' }]);
    expect(store.delete('site.intake')).toEqual(renamed);
    expect(store.delete('site.intake')).toBeNull();
    expect(store.list()).toEqual([]);
  });

  it('refuses a template that breaks the rules, and any id outside the site namespace', async () => {
    expect((await folioErrorOf(() => store.save({ ...INTAKE, zones: [] }, 'ada', '2026-03-01T10:00:00.000Z'))).code).toBe('invalid_input');
    expect((await folioErrorOf(() => store.save(CMS1500_TEMPLATE, 'ada', '2026-03-01T10:00:00.000Z'))).code).toBe('conflict');
    // The schema holds the namespace too, whatever code writes the row.
    expect(() =>
      db.prepare("INSERT INTO form_templates VALUES ('cms1500-0212', 'x', 'cms1500', '{}', 'now', 'ada', 'now', 'ada')").run(),
    ).toThrow(/CHECK/);
  });

  it('leaves out a row this version cannot read, instead of reading it wrongly', () => {
    store.save(INTAKE, 'ada', '2026-03-01T10:00:00.000Z');
    db.prepare("INSERT INTO form_templates VALUES ('site.future', 'From a newer Folio', 'other', '{\"zones\":\"a new shape\"}', 'now', 'ada', 'now', 'ada')").run();
    expect(store.list().map((stored) => stored.template.id)).toEqual(['site.intake']);
    expect(store.get('site.future')).toBeNull();
  });
});

describe('migration 10', () => {
  const tempDir = useTempDirs();

  it('adds the template table to a vault an older Folio left at schema 9', () => {
    const vault = openTestVault(tempDir());
    vault.db.close();
    const old = legacyVault(`${vault.file}.old`, vault.key, 9);
    old.close();
    const db = openDatabase({ file: `${vault.file}.old`, key: vault.key });
    try {
      expect(Number(db.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(10);
      expect(new TemplateStore(db).list()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
