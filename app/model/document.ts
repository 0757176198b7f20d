import { z } from 'zod';
import { ContractErrorSchema } from '../contract/errors';
import { BoxSchema } from './geometry';
import { DocumentClassificationSchema, DocumentKind, ReviewFieldSchema } from './field';

export { BoxSchema, type Box } from './geometry';

export const OcrEngineName = z.enum(['tesseract-cli', 'tesseract-js', 'pdf-text']);
export type OcrEngineName = z.infer<typeof OcrEngineName>;

export const WordSchema = z.object({
  id: z.string(),
  pageIndex: z.number().int().nonnegative(),
  /** Reading-order line number within the page, used to rebuild lines of text. */
  line: z.number().int().nonnegative(),
  text: z.string(),
  /** What the engine read, kept so a correction can always be compared with the machine's reading. */
  ocrText: z.string(),
  /** 0–100, as the engine reported it. */
  confidence: z.number().min(0).max(100),
  box: BoxSchema,
  edited: z.boolean(),
});
export type Word = z.infer<typeof WordSchema>;

export const PageStatus = z.enum(['queued', 'processing', 'done', 'failed', 'cancelled']);
export type PageStatus = z.infer<typeof PageStatus>;

export const PageSchema = z.object({
  index: z.number().int().nonnegative(),
  /** 0 until the page has been decoded: long documents are decoded page by page, in the pipeline. */
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  status: PageStatus,
  engine: OcrEngineName.nullable(),
  error: ContractErrorSchema.nullable(),
  words: z.array(WordSchema),
});
export type Page = z.infer<typeof PageSchema>;

/** `rejected`: a person decided it cannot be used (illegible, wrong patient, a duplicate); a supervisor can reopen it. */
export const DocumentStatus = z.enum(['queued', 'processing', 'ready', 'failed', 'approved', 'rejected']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const DocumentIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'a document id');

export const DocumentSummarySchema = z.object({
  id: DocumentIdSchema,
  /** The name the person gave the file; shown in the queue, never logged. */
  name: z.string(),
  status: DocumentStatus,
  pageCount: z.number().int().nonnegative(),
  importedAt: z.string(),
  approvedAt: z.string().nullable(),
  /** When the approved document was last exported (since its approval); null when it has not been. */
  exportedAt: z.string().nullable(),
  /** Words below the confident threshold and not corrected: shown apart from fields, labelled as words. */
  wordsToCheck: z.number().int().nonnegative(),
  /** Fields whose status needs attention (ATTENTION_STATUSES): the one "to check" count everywhere. */
  fieldsToCheck: z.number().int().nonnegative(),
  /** Fields that failed a check (check digit, code set, future date). */
  fieldsInvalid: z.number().int().nonnegative(),
  kind: DocumentKind.nullable(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

/** Which part of the queue: the work still open (not approved or rejected), signed-off work, or all. */
export const QueueFilter = z.enum(['open', 'approved', 'rejected', 'all']);
export type QueueFilter = z.infer<typeof QueueFilter>;

export const QueueCountsSchema = z.object({
  open: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  all: z.number().int().nonnegative(),
  /** Approved and not exported since their approval. */
  exportPending: z.number().int().nonnegative(),
});
export type QueueCounts = z.infer<typeof QueueCountsSchema>;

export const DocumentDetailSchema = DocumentSummarySchema.extend({
  pages: z.array(PageSchema),
  classification: DocumentClassificationSchema.nullable(),
  /** True when the person chose the kind rather than the classifier. */
  kindOverridden: z.boolean(),
  fields: z.array(ReviewFieldSchema),
});
export type DocumentDetail = z.infer<typeof DocumentDetailSchema>;
