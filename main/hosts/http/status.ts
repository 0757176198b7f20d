import type { ErrorCode } from '../../../app/contract/errors';

/** HTTP status for each typed error, so integration clients can branch on either. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
    case 'unknown_method':
      return 404;
    case 'conflict':
    case 'cancelled':
      return 409;
    case 'too_large':
      return 413;
    case 'empty_file':
    case 'unsupported_format':
    case 'corrupt_file':
    case 'ocr_failed':
      return 422;
    case 'locked':
      return 423;
    case 'internal':
      return 500;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}
