import { z } from 'zod';
import { event } from './define';
import { DocumentIdSchema } from '../model/document';

/**
 * `page-done`: one page is stored and reviewable while the rest are still being read;
 * `fields`: the fields of the pages read so far are stored (a long document is reviewed as it is
 * read); `done` / `failed` / `cancelled` (pageIndex null): the whole document has settled.
 */
export const PipelineStage = z.enum(['queued', 'decode', 'ocr', 'page-done', 'fields', 'extract', 'done', 'failed', 'cancelled']);
export type PipelineStage = z.infer<typeof PipelineStage>;

export const events = {
  /** The session locked or unlocked: every UI shows or leaves its lock screen. */
  'session.changed': event(z.object({ state: z.enum(['setup', 'locked', 'unlocked']) })),
  'pipeline.progress': event(
    z.object({
      documentId: DocumentIdSchema,
      pageIndex: z.number().int().nonnegative().nullable(),
      pageCount: z.number().int().nonnegative(),
      stage: PipelineStage,
      percent: z.number().min(0).max(100),
      /** Pages settled (read, failed or cancelled) so far: "read 23 of 60". */
      pagesRead: z.number().int().nonnegative().optional(),
    }),
  ),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export const eventNames = Object.keys(events) as EventName[];
