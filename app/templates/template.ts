import { z } from 'zod';
import { DocumentKind } from '../model/field';

/**
 * A form template: where a known form prints its own text, and where it expects each value.
 * Real forms are grids of fixed boxes; a template lets Folio register a page to that grid and
 * read each box on its own, instead of hunting for a label phrased the way a generator phrases
 * it (the design of ABBYY FlexiCapture's fixed-form document definitions).
 *
 * Coordinates are in the template's own reference space (`size`), top-left origin; for the
 * built-in CMS-1500 that is the letter page at 300 dpi.
 */

export const RectSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
});
export type Rect = z.infer<typeof RectSchema>;

/**
 * What a box holds decides how its words become a value and what shape the value must have.
 * `checkbox`: one option of a group, marked or not; the group's value is the marked option's.
 */
export const ZoneType = z.enum(['text', 'name', 'date', 'money', 'code', 'checkbox', 'digits', 'multiline']);
export type ZoneType = z.infer<typeof ZoneType>;

export const ZoneSchema = z.object({
  /** Folio's field name (`claim.patientName`): the same name label-based extraction uses. */
  field: z.string().min(1).max(80),
  /** Repeated fields (diagnosis slot, service line); null for single ones. */
  index: z.number().int().nonnegative().nullable().default(null),
  /** Where the value is printed: the box's data line, not its label. */
  box: RectSchema,
  type: ZoneType,
  /** Digit strings: how many digits (an NPI has 10). */
  length: z.number().int().positive().optional(),
  /** A required box left empty is shown as `missing`, so the reviewer's F8 reaches it. */
  required: z.boolean().default(false),
  /** Checkbox zones: the value the group takes when this box is marked. */
  option: z.string().max(40).optional(),
  /**
   * Set phrases this box commonly holds ("SIGNATURE ON FILE" in a signature box): a reading a
   * glyph or two away from one is taken as it but checked, and a reading that is only part of
   * one ("ON FILE") is never `confident`.
   */
  phrases: z.array(z.string().min(1).max(80)).max(20).optional(),
});
export type Zone = z.infer<typeof ZoneSchema>;
export type ZoneInput = z.input<typeof ZoneSchema>;

/**
 * Text the form itself prints: box labels, titles, column heads. Its words are never a value;
 * its first word, whose position is fixed by the form's design, is an anchor for registration.
 */
export const PrintedTextSchema = z.object({
  text: z.string().min(1).max(200),
  /** The printed text's extent; its left edge and vertical centre are where the first word sits. */
  box: RectSchema,
  /** False for text whose first word is too common or too loosely placed to anchor the page. */
  anchor: z.boolean().default(true),
  /**
   * Printed on a line values are printed on (a checkbox's "YES", box 24I's "NPI"): told apart
   * from values by its words and place, never erased from the page, since a value may touch it.
   */
  inline: z.boolean().default(false),
});
export type PrintedText = z.infer<typeof PrintedTextSchema>;

export const FormTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'a template id'),
  name: z.string().min(1).max(120),
  kind: DocumentKind,
  size: z.object({ width: z.number().positive(), height: z.number().positive() }),
  printed: z.array(PrintedTextSchema).max(2000),
  zones: z.array(ZoneSchema).min(1).max(2000),
});
export type FormTemplate = z.infer<typeof FormTemplateSchema>;
export type FormTemplateInput = z.input<typeof FormTemplateSchema>;
