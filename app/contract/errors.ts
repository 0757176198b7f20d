import { z } from 'zod';

/**
 * Every failure that crosses a host boundary carries one of these codes. The message is a
 * sentence for a person; it never contains a stack trace, a file name or anything read from a
 * document (PHI), so hosts may show or log it as it is.
 */
export const ErrorCode = z.enum([
  'invalid_input',
  'unknown_method',
  'unauthorized',
  'forbidden',
  'locked',
  'not_found',
  'conflict',
  'empty_file',
  'unsupported_format',
  'corrupt_file',
  'too_large',
  'ocr_failed',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ContractErrorSchema = z.object({
  code: ErrorCode,
  message: z.string(),
});
export type ContractErrorShape = z.infer<typeof ContractErrorSchema>;

/** A failure a service means to report. Anything else thrown becomes `internal`. */
export class FolioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FolioError';
  }
}

export function isFolioError(value: unknown): value is FolioError {
  return value instanceof FolioError;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };
