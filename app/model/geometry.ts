import { z } from 'zod';

/** Box in the pixel space of the page image the person sees (the original, not the OCR raster). */
export const BoxSchema = z.object({
  x: z.number().nonnegative(),
  y: z.number().nonnegative(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});
export type Box = z.infer<typeof BoxSchema>;
