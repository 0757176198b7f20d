import { z } from 'zod';
import { method } from './define';
import { DocumentIdSchema } from '../model/document';

/** One row of a document's history, as the review view shows it. Field values are PHI: shown, never logged. */
export const HistoryEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  kind: z.string(),
  summary: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** A row of the whole trail, for supervisors and admins: a history entry plus the document it is about, if any. */
export const AuditRowSchema = HistoryEntrySchema.extend({
  documentId: z.string().nullable(),
  /** The document's file name (PHI, like the summaries: shown to a signed-in supervisor, never logged). */
  documentName: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

export const AuditVerificationSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    rows: z.number().int(),
    /** The first row the audit anchor seals; rows before it (from before the anchor existed) rest on the hash chain alone. */
    sealedFrom: z.number().int().optional(),
    /** The anchor's public-key fingerprint: what an auditor pins when checking an export with `folio audit-verify`. */
    fingerprint: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), firstBadSeq: z.number().int(), problem: z.string(), rowsVerified: z.number().int() }),
]);

export const SearchHitSchema = z.object({
  documentId: DocumentIdSchema,
  documentName: z.string(),
  pageIndex: z.number().int().nullable(),
  snippet: z.string(),
});

export const auditMethods = {
  'documents.history': method({
    input: z.object({ documentId: DocumentIdSchema }).strict(),
    output: z.object({ entries: z.array(HistoryEntrySchema) }),
  }),
  'documents.reopen': method({
    input: z.object({ documentId: DocumentIdSchema, reason: z.string().trim().min(3).max(500) }).strict(),
    output: z.object({ documentId: DocumentIdSchema }),
  }),
  /** Takes a document out of review as unusable, with the reason, kept in the audit trail. */
  'documents.reject': method({
    input: z.object({ documentId: DocumentIdSchema, reason: z.string().trim().min(3).max(500) }).strict(),
    output: z.object({ documentId: DocumentIdSchema }),
  }),
  'audit.verify': method({ input: z.object({}).strict(), output: AuditVerificationSchema }),
  /** A signed export of the whole trail, written to a new file; check it anywhere with `folio audit-verify`. */
  'audit.export': method({
    input: z.object({ destination: z.string().min(1).max(4096) }).strict(),
    output: z.object({ file: z.string(), rows: z.number().int(), bytes: z.number().int(), fingerprint: z.string() }),
  }),
  /** The trail newest first, a page at a time: unlocks, locks, user and settings changes, backups and every document's events. */
  'audit.recent': method({
    input: z.object({ beforeSeq: z.number().int().positive().optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.object({ entries: z.array(AuditRowSchema) }),
  }),
  'search.query': method({
    input: z.object({ text: z.string().trim().min(1).max(200) }).strict(),
    output: z.object({ hits: z.array(SearchHitSchema) }),
  }),
} as const;
