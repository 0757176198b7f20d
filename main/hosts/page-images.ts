import { FolioError, type ErrorCode } from '../../app/contract/errors';
import { DocumentIdSchema } from '../../app/model/document';
import { httpStatusFor } from './http/status';

/**
 * The one handler for page images, fetch-style so that Electron mounts it as a privileged
 * protocol (`protocol.handle`) and the HTTP host as a route, with the same checks in both.
 * The path is `/<documentId>/<pageIndex>` after the host's own prefix. `pageImage` throws
 * `locked` while nobody is signed in, and answers null for a page that does not exist.
 */
export function createPageImageHandler(
  pageImage: (documentId: string, pageIndex: number) => Buffer | null,
): (request: Pick<Request, 'method'>, path: string) => Response {
  return (request, path) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal('invalid_input', 'Page images can only be read.', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const match = /^\/([^/]+)\/(\d{1,5})$/.exec(path);
    if (!match) return refusal('not_found', 'There is no such page.');
    const rawId = safeDecode(match[1] ?? '');
    if (rawId === null) return refusal('invalid_input', 'The address is not valid.');
    const id = DocumentIdSchema.safeParse(rawId);
    if (!id.success) return refusal('not_found', 'There is no such page.');
    let image: Buffer | null;
    try {
      image = pageImage(id.data, Number(match[2]));
    } catch (error) {
      if (error instanceof FolioError && error.code === 'locked') return refusal('locked', error.message);
      // A damaged or missing blob file: the page exists but cannot be shown, and no bytes go out.
      return new Response(null, { status: 500, headers: { 'Cache-Control': 'no-store' } });
    }
    if (!image) return refusal('not_found', 'There is no such page.');
    return new Response(new Uint8Array(image), {
      status: 200,
      headers: {
        'Content-Type': 'image/png',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    });
  };
}

/** A typed refusal, shaped as every API answer is, so a client branches on the code. */
function refusal(code: ErrorCode, message: string, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify({ ok: false, error: { code, message } }), {
    status: init.status ?? httpStatusFor(code),
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...init.headers },
  });
}

/** A path segment decoded, or null when its percent-encoding is broken. */
export function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
