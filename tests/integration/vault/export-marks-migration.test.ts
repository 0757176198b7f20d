import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/vault/audit-log';
import { BlobStore, blobDirFor } from '../../../main/vault/blob-store';
import { openDatabase } from '../../../main/vault/database';
import { DocumentStore } from '../../../main/vault/document-store';
import { SCHEMA_VERSION } from '../../../main/vault/migrations/index';
import { legacyVault, randomKey, useTempDirs } from './vault-fixtures';

describe('a vault from before export marks (schema 7) learns what was exported from its audit trail', () => {
  const tempDir = useTempDirs();

  it('marks a document exported after its last approval, and not one exported before it was reopened and approved again', () => {
    const file = path.join(tempDir(), 'folio.db');
    const key = randomKey();
    const old = legacyVault(file, key, 7);
    const insert = old.prepare(`INSERT INTO documents (id, name, format, status, page_count, imported_at, original, approved_at) VALUES (?, ?, 'png', ?, 1, '2026-11-20T09:00:00.000Z', x'', ?)`);
    insert.run('exported', 'a.png', 'approved', '2026-11-21T09:00:00.000Z');
    insert.run('reapproved', 'b.png', 'approved', '2026-11-23T09:00:00.000Z');
    insert.run('never', 'c.png', 'approved', '2026-11-21T09:00:00.000Z');
    insert.run('reopened', 'd.png', 'ready', null);
    let clock = Date.parse('2026-11-21T09:00:00.000Z');
    const audit = new AuditLog(old, { now: () => new Date((clock += 60_000)) });
    const exportOf = (documentId: string) => audit.append('u1', { kind: 'export', documentId, format: 'json', batchId: 'b1' });
    for (const documentId of ['exported', 'reapproved', 'never', 'reopened']) audit.append('u1', { kind: 'approve', documentId });
    const exported = exportOf('exported');
    exportOf('reapproved');
    exportOf('reopened');
    audit.append('u1', { kind: 'reopen', documentId: 'reapproved', reason: 'look again' });
    audit.append('u1', { kind: 'approve', documentId: 'reapproved' });
    audit.append('u1', { kind: 'reopen', documentId: 'reopened', reason: 'look again' });
    old.close();

    const db = openDatabase({ file, key });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const marks = Object.fromEntries(new DocumentStore(db, new BlobStore(db, blobDirFor(file))).list().documents.map((doc) => [doc.id, doc.exportedAt]));
      expect(marks).toEqual({ exported: exported.at, reapproved: null, never: null, reopened: null });
    } finally {
      db.close();
    }
  });
});
