import { z } from 'zod';
import { ContractErrorSchema } from './errors';
import { method } from './define';
import {
  DocumentDetailSchema,
  DocumentIdSchema,
  DocumentSummarySchema,
  QueueCountsSchema,
  QueueFilter,
  WordSchema,
} from '../model/document';
import { DocumentKind, ReviewFieldSchema, RowGroup } from '../model/field';
import { EXPORT_FORMATS } from '../export/types';
import { auditMethods } from './audit';
import { sessionMethods } from './session';
import { templateMethods } from './templates';
import { regionMethods } from './regions';

/** Import limits. The HTTP host caps request bodies to match (base64 grows data by 4/3). */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_FILES = 50;
export const MAX_FILE_NAME_LENGTH = 255;
/** One page of the queue holds at most this many documents (the default when none is asked for). */
export const MAX_LIST_DOCUMENTS = 1000;
/** One export holds at most this many documents (a day's queue at a busy pharmacy). */
export const MAX_EXPORT_DOCUMENTS = 1000;

/**
 * The language of /^[A-Za-z0-9+/]*={0,2}$/, checked as one scan for a foreign character and a
 * look at the padding: on a 30 MB upload the anchored pattern took a sixth of a second of the
 * import, this a tenth of that.
 */
export function isBase64(text: string): boolean {
  if (/[^A-Za-z0-9+/=]/.test(text)) return false;
  const padding = text.indexOf('=');
  return padding === -1 || (padding >= text.length - 2 && text.slice(padding) === '='.repeat(text.length - padding));
}

const base64 = z
  .string()
  .max(Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 4, 'file too large')
  .refine(isBase64, 'base64 data');

export const ImportFileSchema = z.object({
  name: z.string().min(1).max(MAX_FILE_NAME_LENGTH),
  dataBase64: base64,
});

export const ImportOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), name: z.string(), documentId: DocumentIdSchema }),
  z.object({ ok: z.literal(false), name: z.string(), error: ContractErrorSchema }),
]);
export type ImportOutcome = z.infer<typeof ImportOutcomeSchema>;

/**
 * The one API. Every host (Electron IPC, HTTP, CLI) dispatches these names through the same
 * dispatcher; the renderer's `window.folio` is typed from this object.
 */
export const methods = {
  ...sessionMethods,
  ...auditMethods,
  ...templateMethods,
  ...regionMethods,
  'documents.import': method({
    input: z.object({ files: z.array(ImportFileSchema).min(1).max(MAX_IMPORT_FILES) }),
    output: z.object({ outcomes: z.array(ImportOutcomeSchema) }),
  }),
  /**
   * The queue, newest first, a page at a time: a vault of months holds tens of thousands of
   * documents, and the queue is listed at every refresh.
   */
  'documents.list': method({
    input: z
      .object({
        filter: QueueFilter.optional(),
        limit: z.number().int().min(1).max(MAX_LIST_DOCUMENTS).optional(),
        /** The last document of the page before: this page starts after it. */
        after: z.object({ importedAt: z.string().max(40), id: DocumentIdSchema }).strict().optional(),
      })
      .strict(),
    output: z.object({
      documents: z.array(DocumentSummarySchema),
      /** More documents of this filter follow the last one returned. */
      more: z.boolean(),
      counts: QueueCountsSchema,
    }),
  }),
  'documents.get': method({
    input: z.object({ documentId: DocumentIdSchema }).strict(),
    output: DocumentDetailSchema,
  }),
  'documents.approve': method({
    input: z
      .object({
        documentId: DocumentIdSchema,
        /**
         * Approving with fields still `invalid` needs the person to say so explicitly, with an
         * `overrideReason` (kept in the audit trail).
         */
        acknowledgeInvalid: z.boolean().optional(),
        /** Approving with fields still `check` or `missing` needs the person to say so too. */
        acknowledgeFlagged: z.boolean().optional(),
        overrideReason: z.string().trim().min(3).max(500).optional(),
      })
      .strict(),
    output: DocumentSummarySchema,
  }),
  /**
   * Approves, each on its own with its own audit row, the listed documents that need no look:
   * read to the end and every field `confident`, `confirmed` or optional and not printed. Any
   * other is left as it is, with the reason (main/services/bulk-approval-service.ts).
   */
  'documents.approveSettled': method({
    input: z.object({ documentIds: z.array(DocumentIdSchema).min(1).max(MAX_LIST_DOCUMENTS) }).strict(),
    output: z.object({
      approved: z.array(DocumentIdSchema),
      skipped: z.array(z.object({ documentId: DocumentIdSchema, reason: z.string() })),
    }),
  }),
  /**
   * Approved documents leave Folio here, and only here. With a `destination` folder the file is
   * written there (never inside the vault's own folder); without one the content comes back in
   * the answer, for a program on this computer calling the local API.
   */
  'documents.export': method({
    input: z
      .object({
        documentIds: z.array(DocumentIdSchema).min(1).max(MAX_EXPORT_DOCUMENTS),
        format: z.enum(EXPORT_FORMATS),
        destination: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    output: z.object({
      file: z.string().nullable(),
      content: z.string().optional(),
      format: z.enum(EXPORT_FORMATS),
      documents: z.number().int().positive(),
      bytes: z.number().int().nonnegative(),
      exportedAt: z.string(),
      batchId: z.string(),
    }),
  }),
  'documents.setKind': method({
    input: z.object({ documentId: DocumentIdSchema, kind: DocumentKind }).strict(),
    output: DocumentDetailSchema,
  }),
  /**
   * Reads one page again with the engine now in use: after a failure, a cancelled read, or a
   * poor reading. The page's word corrections give way to the new reading (the audit trail keeps
   * them); field corrections stay.
   */
  'documents.reread': method({
    input: z.object({ documentId: DocumentIdSchema, pageIndex: z.number().int().nonnegative().max(100_000) }).strict(),
    output: z.object({ documentId: DocumentIdSchema, pageIndex: z.number().int().nonnegative() }),
  }),
  'documents.cancel': method({
    input: z.object({ documentId: DocumentIdSchema.optional() }).strict(),
    output: z.object({ cancelledPages: z.number().int().nonnegative() }),
  }),
  'fields.update': method({
    input: z
      .object({
        documentId: DocumentIdSchema,
        fieldId: z.string().min(1).max(100),
        value: z.string().max(500),
        /** The person says the value is right (changed or not): the field becomes `confirmed`. */
        confirm: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ fields: z.array(ReviewFieldSchema) }),
  }),
  /** Adds an empty row the reading missed; its values are then typed or taken from the page. */
  'fields.addRow': method({
    input: z.object({ documentId: DocumentIdSchema, group: RowGroup }).strict(),
    output: z.object({ fields: z.array(ReviewFieldSchema), index: z.number().int().nonnegative() }),
  }),
  /** Deletes a spurious row (every field of it). */
  'fields.removeRow': method({
    input: z.object({ documentId: DocumentIdSchema, group: RowGroup, index: z.number().int().nonnegative().max(999) }).strict(),
    output: z.object({ fields: z.array(ReviewFieldSchema) }),
  }),
  'words.update': method({
    input: z
      .object({
        documentId: DocumentIdSchema,
        wordId: z.string().min(1).max(64),
        text: z.string().max(200),
      })
      .strict(),
    output: WordSchema,
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
