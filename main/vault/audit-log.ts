import { createHash } from 'node:crypto';
import type { AuditSealer } from './audit-anchor';
import type { VaultDatabase } from './database';
import { canonicalJson, documentOf, type AuditEvent } from './audit-events';

export interface AuditEntry {
  seq: number;
  at: string;
  /** Null for events no person caused (an idle lock, a failed unlock of an unknown name). */
  actorId: string | null;
  event: AuditEvent;
}

export type AuditProblem =
  /** The row's content no longer matches its hash: edited in place. */
  | 'content-changed'
  /** The row does not follow from the one before it: reordered, or an edit was re-hashed. */
  | 'chain-broken'
  /** A sequence number is absent: the row was deleted. */
  | 'missing-row'
  /** Rows were cut off the end (the recorded head is further on than the last row). */
  | 'truncated'
  /** The row's seal is missing or was not made with the anchor: rewritten by someone holding the vault key but not the anchor. */
  | 'seal-broken'
  /** The sealed head outside the database was not sealed by this vault's anchor: replaced or forged. */
  | 'anchor-mismatch';

export type AuditVerification =
  /** `sealedFrom`: the first row the anchor seals (earlier rows, from before the anchor existed, rest on the chain alone). */
  | { ok: true; rows: number; sealedFrom?: number }
  | { ok: false; firstBadSeq: number; problem: AuditProblem; rowsVerified: number };

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  kind: string;
  document_id: string | null;
  details: string;
  prev_hash: Buffer;
  hash: Buffer;
}

const GENESIS: Buffer = Buffer.alloc(32);

/**
 * Every column that carries meaning goes into the hash, seq included, so moving a row to
 * another position breaks the chain just as editing it does.
 */
export function auditRowHash(prevHash: Buffer, row: Omit<AuditRow, 'prev_hash' | 'hash'>): Buffer {
  const content = canonicalJson([row.seq, row.at, row.actor_id, row.kind, row.document_id, row.details]);
  return createHash('sha256').update(prevHash).update(content, 'utf8').digest();
}

/**
 * The append-only, hash-chained audit trail. Each append is one IMMEDIATE transaction that
 * reads the head and writes the row and the new head together, so two connections (main
 * thread and a worker) can never fork the chain.
 */
export class AuditLog {
  private readonly now: () => Date;
  private readonly sealer: AuditSealer | null;

  constructor(
    private readonly db: VaultDatabase,
    options: { now?: () => Date; sealer?: AuditSealer } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.sealer = options.sealer ?? null;
  }

  /** The anchor's keys (signing exports), when the trail is sealed. */
  get anchor(): AuditSealer | null {
    return this.sealer;
  }

  /** The sealed head, on disk durably: the vault is closing. */
  flushHead(): void {
    this.sealer?.writeHead(this.db, true);
  }

  append(actorId: string | null, event: AuditEvent): AuditEntry {
    const at = this.now().toISOString();
    const details = canonicalJson(event);
    const documentId = documentOf(event);
    return this.db
      .transaction((): AuditEntry => {
        const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
          | { seq: number; hash: Buffer }
          | undefined;
        const seq = (head?.seq ?? 0) + 1;
        const prevHash = head?.hash ?? GENESIS;
        const row = { seq, at, actor_id: actorId, kind: event.kind, document_id: documentId, details };
        const hash = auditRowHash(prevHash, row);
        this.db
          .prepare(
            `INSERT INTO audit_events (seq, at, actor_id, kind, document_id, details, prev_hash, hash)
             VALUES (@seq, @at, @actor_id, @kind, @document_id, @details, @prev_hash, @hash)`,
          )
          .run({ ...row, prev_hash: prevHash, hash });
        this.db
          .prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash')
          .run(seq, hash);
        if (this.sealer) this.db.prepare('INSERT INTO audit_seals (seq, mac) VALUES (?, ?)').run(seq, this.sealer.seal(seq, hash));
        this.sealer?.scheduleHead(this.db);
        return { seq, at, actorId, event };
      })
      .immediate();
  }

  /** A document's history, oldest first, for the review view. */
  forDocument(documentId: string): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT seq, at, actor_id, details FROM audit_events WHERE document_id = ? ORDER BY seq')
      .all(documentId) as Array<Pick<AuditRow, 'seq' | 'at' | 'actor_id' | 'details'>>;
    return rows.map(toEntry);
  }

  /** The latest entries, newest first (the admin's audit screen pages through these). */
  recent(limit: number, beforeSeq?: number): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT seq, at, actor_id, details FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT ?')
      .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as Array<Pick<AuditRow, 'seq' | 'at' | 'actor_id' | 'details'>>;
    return rows.map(toEntry);
  }

  /**
   * Walks the whole chain and names the first row that is not what was written. Reads row by
   * row, so memory stays flat; on a large trail call it from a worker, not the main thread.
   */
  verify(): AuditVerification {
    let expectedSeq = 1;
    let prevHash: Buffer = GENESIS;
    const rows = this.db
      .prepare('SELECT seq, at, actor_id, kind, document_id, details, prev_hash, hash FROM audit_events ORDER BY seq')
      .iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      const failure = checkRow(row, expectedSeq, prevHash);
      if (failure) {
        return { ok: false, firstBadSeq: failure.seq, problem: failure.problem, rowsVerified: expectedSeq - 1 };
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    const head = this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      | { seq: number; hash: Buffer }
      | undefined;
    const lastSeq = expectedSeq - 1;
    const headSeq = head?.seq ?? 0;
    if (headSeq > lastSeq) return { ok: false, firstBadSeq: lastSeq + 1, problem: 'truncated', rowsVerified: lastSeq };
    // Rows beyond the head were not written by append(); a head hash that differs means the
    // last row was replaced wholesale.
    if (headSeq < lastSeq) return { ok: false, firstBadSeq: headSeq + 1, problem: 'chain-broken', rowsVerified: headSeq };
    if (head && !head.hash.equals(prevHash)) return { ok: false, firstBadSeq: lastSeq, problem: 'chain-broken', rowsVerified: lastSeq - 1 };
    return this.sealer ? this.verifySeals(this.sealer, lastSeq) : { ok: true, rows: lastSeq };
  }

  /**
   * The chain holds; now whether it is the chain the anchor sealed. Someone with the vault key can
   * rewrite a row and recompute every hash after it, but not the rows' seals, nor the sealed head
   * kept outside the database: the first row whose seal fails is the first one rewritten.
   */
  private verifySeals(sealer: AuditSealer, lastSeq: number): AuditVerification {
    const stored = sealer.readHead();
    if (stored.status === 'forged') {
      return { ok: false, firstBadSeq: Math.min(stored.head?.seq ?? lastSeq, lastSeq), problem: 'anchor-mismatch', rowsVerified: 0 };
    }
    const from = stored.status === 'sealed' ? stored.head.from : sealer.from;
    const rows = this.db
      .prepare('SELECT e.seq AS seq, e.hash AS hash, s.mac AS mac FROM audit_events e LEFT JOIN audit_seals s ON s.seq = e.seq WHERE e.seq >= ? ORDER BY e.seq')
      .iterate(from) as IterableIterator<{ seq: number; hash: Buffer; mac: Buffer | null }>;
    for (const row of rows) {
      if (!row.mac || !sealer.keys.sealMatches(row.seq, row.hash, row.mac)) {
        return { ok: false, firstBadSeq: row.seq, problem: 'seal-broken', rowsVerified: row.seq - 1 };
      }
    }
    if (stored.status === 'sealed' && stored.head.seq > 0) {
      // The sealed head must still be a row of the trail, as it was: rows cut off the end (and
      // perhaps new ones appended since) leave it missing or different.
      const row = this.db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(stored.head.seq) as { hash: Buffer } | undefined;
      if (!row) return { ok: false, firstBadSeq: lastSeq + 1, problem: 'truncated', rowsVerified: lastSeq };
      if (row.hash.toString('hex') !== stored.head.hash) return { ok: false, firstBadSeq: stored.head.seq, problem: 'truncated', rowsVerified: stored.head.seq - 1 };
    }
    return { ok: true, rows: lastSeq, sealedFrom: from };
  }
}

function checkRow(row: AuditRow, expectedSeq: number, prevHash: Buffer): { seq: number; problem: AuditProblem } | null {
  if (row.seq !== expectedSeq) return { seq: expectedSeq, problem: 'missing-row' };
  if (!Buffer.isBuffer(row.prev_hash) || !row.prev_hash.equals(prevHash)) return { seq: row.seq, problem: 'chain-broken' };
  const recomputed = auditRowHash(prevHash, row);
  if (!Buffer.isBuffer(row.hash) || !recomputed.equals(row.hash)) return { seq: row.seq, problem: 'content-changed' };
  return null;
}

function toEntry(row: Pick<AuditRow, 'seq' | 'at' | 'actor_id' | 'details'>): AuditEntry {
  return { seq: row.seq, at: row.at, actorId: row.actor_id, event: JSON.parse(row.details) as AuditEvent };
}
