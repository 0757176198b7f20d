import { z } from 'zod';
import { BoxSchema } from './geometry';

/**
 * A field is one value the machine read off a document (a prescriber's NPI, a claim's total
 * charge) together with where it came from and what we think of it. The person reviews fields,
 * not words: the status tells the UI what colour to paint, the region tells it where to look.
 */

export const FindingSeverity = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const FindingSchema = z.object({
  /** Stable machine code, e.g. `npi.check_digit`, for tests, filters and calibration. */
  code: z.string(),
  severity: FindingSeverity,
  /**
   * A sentence for a person. It never repeats the value (no PHI), so it can be shown in a
   * toast, written to the audit trail or logged as it is.
   */
  message: z.string(),
  /**
   * Values the person may pick instead (e.g. ICD-10 codes one OCR confusion away). They carry
   * document-derived values, so unlike `message` they must never be logged.
   */
  suggestions: z.array(z.string()).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * `confirmed`: a person looked at the value and said it is right (Enter in the review), whether
 * they changed it or not. It passed its checks as far as the checks can tell; a value a check
 * proves wrong stays `invalid` however often it is confirmed.
 * `missing`: a field the document must print (app/confidence/required-fields.ts) was not found.
 * `blank`: an optional field the page does not print (no PRN on a plain prescription); shown and
 * editable, but nothing to check.
 */
export const FieldStatus = z.enum(['confident', 'check', 'invalid', 'missing', 'confirmed', 'blank']);
export type FieldStatus = z.infer<typeof FieldStatus>;

/**
 * The statuses a person must deal with before a document is done: the one "to check" count
 * (queue, review, approval) and the order of "Next to check" are derived from this list.
 */
export const ATTENTION_STATUSES = ['check', 'invalid', 'missing'] as const satisfies readonly FieldStatus[];

export function needsAttention(status: FieldStatus): boolean {
  return (ATTENTION_STATUSES as readonly FieldStatus[]).includes(status);
}

export const FieldRegionSchema = z.object({
  pageIndex: z.number().int().nonnegative(),
  box: BoxSchema,
});
export type FieldRegion = z.infer<typeof FieldRegionSchema>;

/**
 * What a document is. `other` is a page Folio does not recognise as medical paperwork (a letter,
 * a receipt, a court filing): it gets no fields, so nothing is invented for it, and the person
 * can still say what it is.
 */
export const DocumentKind = z.enum([
  'prescription',
  'cms1500',
  'lab_report',
  'insurance_card',
  'clinical_note',
  'other',
]);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** The kinds Folio reads fields from: every kind but `other`. */
export const RecognisedKind = DocumentKind.exclude(['other']);
export type RecognisedKind = z.infer<typeof RecognisedKind>;

export const FieldSchema = z.object({
  /** Dotted domain name, e.g. `prescriber.npi`, `claim.line.charges`, `lab.row.value`. */
  name: z.string(),
  /**
   * For repeated fields: the service line (1–6), diagnosis slot (0 = A … 11 = L), lab row or
   * mention number. Null for single fields.
   */
  index: z.number().int().nonnegative().nullable(),
  /** The text as read, joined from the source words. Null when the field was not found. */
  raw: z.string().nullable(),
  /** Canonical form (ISO date, ICD-10-CM code with its dot, dollars with two decimals …); null where none applies. */
  normalized: z.string().nullable(),
  /** What a code means (ICD-10 or HCPCS description), shown beside the value. */
  description: z.string().nullable(),
  region: FieldRegionSchema.nullable(),
  sourceWordIds: z.array(z.string()),
  /**
   * 0 = the extractor had one clear candidate, 1 = it was a guess among several. Fed to the
   * confidence model alongside word confidences and findings.
   */
  ambiguity: z.number().min(0).max(1),
  status: FieldStatus,
  findings: z.array(FindingSchema),
});
export type Field = z.infer<typeof FieldSchema>;

/**
 * How a page was placed on its form: by the form's printed labels (a similarity, an affine fit,
 * or a homography for a photo), or by where its values sit when the form's print is not on the
 * page at all (a fax of a red-printed form), which never makes a value `confident`.
 */
export const RegistrationModelSchema = z.enum(['similarity', 'affine', 'homography', 'values']);
export type RegistrationModel = z.infer<typeof RegistrationModelSchema>;

export const DocumentClassificationSchema = z.object({
  kind: DocumentKind,
  /**
   * 0–1: how sure the classifier is of `kind`, from the amount of evidence and its margin over
   * the runner-up (app/extract/classify.ts). Below 0.6 the review view asks the person to confirm.
   */
  confidence: z.number().min(0).max(1),
  /**
   * Evidence per recognised kind. Partial, so a classification stored before a kind existed
   * (vaults written before `other`) still reads.
   */
  scores: z.partialRecord(RecognisedKind, z.number()),
  /**
   * The known form the pages were registered to, with how well each fit; absent when no
   * template applied. Registration is the strongest evidence of a document's kind there is.
   */
  form: z
    .object({
      templateId: z.string(),
      name: z.string(),
      pages: z.array(
        z.object({
          pageIndex: z.number().int().nonnegative(),
          anchorsFound: z.number().int().nonnegative(),
          anchorsTotal: z.number().int().nonnegative(),
          /** RMS distance of the anchors from the fit, in the template's units (1/300 inch for the CMS-1500). */
          residual: z.number().nonnegative(),
          model: RegistrationModelSchema,
        }),
      ),
    })
    .nullable()
    .optional(),
  /** Said in words when the page looks like a known form but could not be registered to it. */
  formNote: z.string().nullable().optional(),
});
export type DocumentClassification = z.infer<typeof DocumentClassificationSchema>;

/**
 * A field as the review view gets it: the extracted field plus its stable id within the
 * document and whether the person has corrected it.
 */
/**
 * Repeated structures a person may add when the reading missed one, or delete when it invented
 * one: a diagnosis (box 21), a service line (box 24), a lab row, a medication mentioned in a note.
 */
export const RowGroup = z.enum(['claim.diagnosis', 'claim.line', 'lab.row', 'note.medication']);
export type RowGroup = z.infer<typeof RowGroup>;

export const ReviewFieldSchema = FieldSchema.extend({
  id: z.string(),
  edited: z.boolean(),
});
export type ReviewField = z.infer<typeof ReviewFieldSchema>;
