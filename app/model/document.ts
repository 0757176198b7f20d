import { z } from 'zod';
import { ContractErrorSchema } from '../contract/errors';

/** Box in the pixel space of the page image the person sees (the original, not the OCR raster). */
export const BoxSchema = z.object({
  x: z.number().nonnegative(),
  y: z.number().nonnegative(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});
export type Box = z.infer<typeof BoxSchema>;

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
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  status: PageStatus,
  engine: OcrEngineName.nullable(),
  error: ContractErrorSchema.nullable(),
  words: z.array(WordSchema),
});
export type Page = z.infer<typeof PageSchema>;

export const DocumentStatus = z.enum(['queued', 'processing', 'ready', 'failed', 'approved']);
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
  /** Words below the confident threshold, so the queue shows how much there is to check. */
  wordsToCheck: z.number().int().nonnegative(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

export const DocumentDetailSchema = DocumentSummarySchema.extend({
  pages: z.array(PageSchema),
});
export type DocumentDetail = z.infer<typeof DocumentDetailSchema>;
