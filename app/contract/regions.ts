import { z } from 'zod';
import { method } from './define';
import { BoxSchema, DocumentIdSchema } from '../model/document';
import { ZoneType } from '../templates/template';

/** At most this many readings of a region come back, best first, for the person to pick from. */
export const MAX_REGION_CANDIDATES = 3;

export const RegionReadingSchema = z.object({
  text: z.string(),
  /** 0–100, as the engine reported it (the mean over the reading's words). */
  confidence: z.number().min(0).max(100),
  /** Which engine read it: Tesseract (print) or the handwriting recogniser. */
  engine: z.enum(['tesseract', 'icr']).optional(),
});
export type RegionReading = z.infer<typeof RegionReadingSchema>;

/**
 * Reading a region of a page again: a person drew a rectangle round a value the page reading
 * missed or garbled. Nothing is stored; the person puts the text into a field (saved and audited
 * as any correction).
 */
export const regionMethods = {
  'regions.recognize': method({
    input: z
      .object({
        documentId: DocumentIdSchema,
        pageIndex: z.number().int().nonnegative().max(100_000),
        /** In the page image's pixels, as the word boxes are. */
        box: BoxSchema.refine((box) => box.width >= 2 && box.height >= 2 && box.width <= 20_000 && box.height <= 20_000, 'a region of the page'),
        /** What the value should look like (digits, a date, money …): the reading keeps to it where the engine can. */
        fieldType: ZoneType.optional(),
      })
      .strict(),
    output: RegionReadingSchema.extend({
      candidates: z.array(RegionReadingSchema).max(MAX_REGION_CANDIDATES),
    }),
  }),
} as const;
