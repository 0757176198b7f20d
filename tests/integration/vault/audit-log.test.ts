import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../main/vault/audit-events';
import { AuditLog, auditRowHash } from '../../../main/vault/audit-log';
import { openDatabase, type VaultDatabase } from '../../../main/vault/database';
import { openTestVault, useTempDirs } from './vault-fixtures';

const EVENTS: AuditEvent[] = [
  { kind: 'unlock', method: 'passphrase' },
  { kind: 'import', documentId: 'doc-1', pageCount: 2, format: 'pdf' },
  { kind: 'view', documentId: 'doc-1' },
  { kind: 'field-change', documentId: 'doc-1', field: 'patientName', oldValue: 'JON DOE', newValue: 'John Doe' },
  { kind: 're-ocr', documentId: 'doc-1', pageIndex: 1, engine: 'tesseract' },
  { kind: 'approve', documentId: 'doc-1' },
  { kind: 'reopen', documentId: 'doc-1', reason: 'wrong NDC' },
  { kind: 'reject', documentId: 'doc-2', reason: 'illegible' },
  { kind: 'export', documentId: 'doc-1', format: 'fhir', batchId: 'b-1' },
  { kind: 'user-change', userId: 'u-2', change: 'role', role: 'supervisor' },
  { kind: 'unlock-failed', attemptedUser: 'u-2', consecutiveFailures: 1 },
  { kind: 'lock', cause: 'idle' },
];

/** What an attacker holding the key does first: the guard triggers are no obstacle to them. */
function dropGuards(db: VaultDatabase): void {
  db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
}

describe('audit trail: append-only, hash-chained', () => {
  const tempDir = useTempDirs();
  let db: VaultDatabase;
  let audit: AuditLog;
  let file: string;
  let key: Buffer;

  beforeEach(() => {
    ({ db, file, key } = openTestVault(tempDir()));
    let tick = Date.parse('2025-03-01T09:00:00Z');
    audit = new AuditLog(db, { now: () => new Date((tick += 1_000)) });
    for (const event of EVENTS) audit.append('u-1', event);
  });
  afterEach(() => db.close());

  it('records every kind of event in order and verifies clean, also after a restart', () => {
    expect(audit.verify()).toEqual({ ok: true, rows: EVENTS.length });
    db.close();
    db = openDatabase({ file, key });
    const reopened = new AuditLog(db);
    expect(reopened.verify()).toEqual({ ok: true, rows: EVENTS.length });
    const next = reopened.append('u-1', { kind: 'view', documentId: 'doc-2' });
    expect(next.seq).toBe(EVENTS.length + 1);
    expect(reopened.verify()).toEqual({ ok: true, rows: EVENTS.length + 1 });
  });

  it("shows a document's history oldest first, with the old and new value of a field change", () => {
    const history = audit.forDocument('doc-1');
    expect(history.map((entry) => entry.event.kind)).toEqual(['import', 'view', 'field-change', 're-ocr', 'approve', 'reopen', 'export']);
    expect(history[2]?.event).toEqual(EVENTS[3]);
    expect(history[2]?.actorId).toBe('u-1');
    expect(history[2]?.at).toBe('2025-03-01T09:00:04.000Z');
    expect(audit.recent(2).map((entry) => entry.seq)).toEqual([12, 11]);
    expect(audit.recent(2, 11).map((entry) => entry.seq)).toEqual([10, 9]);
  });

  it('refuses UPDATE and DELETE through SQL while the guards stand', () => {
    expect(() => db.prepare("UPDATE audit_events SET actor_id = 'someone' WHERE seq = 3").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 3').run()).toThrow(/append-only/);
    expect(audit.verify().ok).toBe(true);
  });

  it('names an edited row (changed value, actor, time or kind)', () => {
    dropGuards(db);
    db.prepare(`UPDATE audit_events SET details = replace(details, 'John Doe', 'Jane Doe') WHERE seq = 4`).run();
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 4, problem: 'content-changed', rowsVerified: 3 });
    db.prepare(`UPDATE audit_events SET details = replace(details, 'Jane Doe', 'John Doe') WHERE seq = 4`).run();
    expect(audit.verify().ok).toBe(true);

    db.prepare("UPDATE audit_events SET actor_id = 'u-9' WHERE seq = 7").run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBadSeq: 7, problem: 'content-changed' });
    db.prepare("UPDATE audit_events SET actor_id = 'u-1' WHERE seq = 7").run();
    db.prepare("UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 9").run();
    expect(audit.verify()).toMatchObject({ ok: false, firstBadSeq: 9 });
  });

  it('names a deleted row by its missing sequence number', () => {
    dropGuards(db);
    db.prepare('DELETE FROM audit_events WHERE seq = 5').run();
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 5, problem: 'missing-row', rowsVerified: 4 });
  });

  it('names the first of two swapped rows', () => {
    dropGuards(db);
    db.transaction(() => {
      db.prepare('UPDATE audit_events SET seq = -1 WHERE seq = 6').run();
      db.prepare('UPDATE audit_events SET seq = 6 WHERE seq = 7').run();
      db.prepare('UPDATE audit_events SET seq = 7 WHERE seq = -1').run();
    })();
    expect(audit.verify()).toMatchObject({ ok: false, firstBadSeq: 6 });
  });

  it('notices rows cut off the end', () => {
    dropGuards(db);
    db.prepare('DELETE FROM audit_events WHERE seq >= 11').run();
    expect(audit.verify()).toEqual({ ok: false, firstBadSeq: 11, problem: 'truncated', rowsVerified: 10 });
  });

  it('notices an edit whose own hash was recomputed, at the row after it', () => {
    dropGuards(db);
    const row = db.prepare('SELECT seq, at, actor_id, kind, document_id, details, prev_hash FROM audit_events WHERE seq = 3').get() as {
      seq: number;
      at: string;
      actor_id: string | null;
      kind: string;
      document_id: string | null;
      details: string;
      prev_hash: Buffer;
    };
    const forged = { ...row, actor_id: 'u-9' };
    db.prepare('UPDATE audit_events SET actor_id = ?, hash = ? WHERE seq = 3').run('u-9', auditRowHash(row.prev_hash, forged));
    expect(audit.verify()).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'chain-broken' });
  });
});
