import { z } from 'zod';
import { signatureMatches } from './audit-anchor-keys';
import { canonicalJson } from './audit-events';
import { auditRowHash, type AuditLog } from './audit-log';
import type { VaultDatabase } from './database';

/**
 * An audit export: the whole trail, row by row as stored (with each row's chain hash), the
 * sealed head, and an Ed25519 signature over all of it made with the vault's audit anchor. An
 * auditor checks it anywhere with `folio audit-verify <file> [--key <fingerprint>]`: the
 * signature, then every row's hash and its link to the one before. Pinning the fingerprint
 * (Settings shows it; the first export carries it) is what ties an export to this workstation:
 * without the pin, a signature proves only that the file was not changed after it was signed.
 *
 * Rows carry what the trail carries (field values are PHI): the file is written owner-only and
 * leaves the machine only as a person carries it, like a documents export.
 */
export const AUDIT_EXPORT_FORMAT = 'folio-audit-export';
const hex = z.string().regex(/^[0-9a-f]*$/);

const ExportRowSchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actorId: z.string().nullable(),
  kind: z.string(),
  documentId: z.string().nullable(),
  details: z.string(),
  prevHash: hex,
  hash: hex,
});

export const AuditExportSchema = z.object({
  format: z.literal(AUDIT_EXPORT_FORMAT),
  version: z.literal(1),
  vaultId: z.string(),
  exportedAt: z.string(),
  sealedFrom: z.number().int().positive(),
  head: z.object({ seq: z.number().int().nonnegative(), hash: hex }),
  publicKey: z.string(),
  fingerprint: z.string(),
  rows: z.array(ExportRowSchema),
  signature: z.string(),
});
export type AuditExport = z.infer<typeof AuditExportSchema>;

interface StoredRow {
  seq: number;
  at: string;
  actor_id: string | null;
  kind: string;
  document_id: string | null;
  details: string;
  prev_hash: Buffer;
  hash: Buffer;
}

/** The signed export of a sealed trail; the caller has verified the trail first (an unverified one is never signed). */
export function buildAuditExport(db: VaultDatabase, audit: AuditLog, sealedFrom: number, now: Date): string {
  const anchor = audit.anchor;
  if (!anchor) throw new Error('The trail has no anchor to sign with.');
  const rows = (db.prepare('SELECT seq, at, actor_id, kind, document_id, details, prev_hash, hash FROM audit_events ORDER BY seq').all() as StoredRow[]).map((row) => ({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    kind: row.kind,
    documentId: row.document_id,
    details: row.details,
    prevHash: row.prev_hash.toString('hex'),
    hash: row.hash.toString('hex'),
  }));
  const last = rows.at(-1);
  const body = {
    format: AUDIT_EXPORT_FORMAT,
    version: 1 as const,
    vaultId: anchor.keys.vaultId,
    exportedAt: now.toISOString(),
    sealedFrom,
    head: { seq: last?.seq ?? 0, hash: last?.hash ?? '' },
    publicKey: anchor.keys.publicKeyBase64(),
    fingerprint: anchor.keys.fingerprint,
    rows,
  };
  const signature = anchor.keys.sign(Buffer.from(canonicalJson(body), 'utf8')).toString('base64');
  return `${JSON.stringify({ ...body, signature })}\n`;
}

export type ExportCheck =
  | { ok: true; rows: number; fingerprint: string; vaultId: string; exportedAt: string; head: { seq: number; hash: string } }
  | { ok: false; problem: 'not-an-export' | 'signature' | 'key-not-pinned' | 'missing-row' | 'chain-broken' | 'content-changed' | 'head'; firstBadSeq?: number; fingerprint?: string };

/** Checks an export as an auditor would, with nothing but the file (and, ideally, the fingerprint pinned earlier). */
export function verifyAuditExport(text: string, pinnedFingerprint?: string): ExportCheck {
  let parsed: AuditExport;
  try {
    const result = AuditExportSchema.safeParse(JSON.parse(text));
    if (!result.success) return { ok: false, problem: 'not-an-export' };
    parsed = result.data;
  } catch {
    return { ok: false, problem: 'not-an-export' };
  }
  const { signature, ...body } = parsed;
  const signed = signatureMatches(body.publicKey, Buffer.from(canonicalJson(body), 'utf8'), Buffer.from(signature, 'base64'));
  if (!signed.ok || signed.fingerprint !== body.fingerprint) return { ok: false, problem: 'signature' };
  const fingerprint = signed.fingerprint;
  if (pinnedFingerprint !== undefined && normalizeFingerprint(pinnedFingerprint) !== normalizeFingerprint(fingerprint)) {
    return { ok: false, problem: 'key-not-pinned', fingerprint };
  }
  let prev: Buffer = Buffer.alloc(32);
  for (const [index, row] of body.rows.entries()) {
    if (row.seq !== index + 1) return { ok: false, problem: 'missing-row', firstBadSeq: index + 1, fingerprint };
    if (row.prevHash !== prev.toString('hex')) return { ok: false, problem: 'chain-broken', firstBadSeq: row.seq, fingerprint };
    const hash = auditRowHash(prev, { seq: row.seq, at: row.at, actor_id: row.actorId, kind: row.kind, document_id: row.documentId, details: row.details });
    if (hash.toString('hex') !== row.hash) return { ok: false, problem: 'content-changed', firstBadSeq: row.seq, fingerprint };
    prev = hash;
  }
  const last = body.rows.at(-1);
  if ((last?.seq ?? 0) !== body.head.seq || (last?.hash ?? '') !== body.head.hash) return { ok: false, problem: 'head', fingerprint };
  return { ok: true, rows: body.rows.length, fingerprint, vaultId: body.vaultId, exportedAt: body.exportedAt, head: body.head };
}

function normalizeFingerprint(value: string): string {
  return value.toLowerCase().replace(/[^0-9a-f]/g, '');
}
