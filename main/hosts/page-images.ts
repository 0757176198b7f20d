import { DocumentIdSchema } from '../../app/model/document';

/**
 * The one handler for page images, fetch-style so that Electron mounts it as a privileged
 * protocol (`protocol.handle`) and the HTTP host as a route, with the same checks in both.
 * The path is `/<documentId>/<pageIndex>` after the host's own prefix.
 */
export function createPageImageHandler(
  pageImage: (documentId: string, pageIndex: number) => Buffer | null,
): (request: Request, path: string) => Response {
  return (request, path) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const match = /^\/([^/]+)\/(\d{1,5})$/.exec(path);
    const id = DocumentIdSchema.safeParse(decodeURIComponent(match?.[1] ?? ''));
    if (!match || !id.success) return new Response(null, { status: 404 });
    // Locked: no image, whoever asks (pageImage answers null while nobody is signed in).
    let image: Buffer | null;
    try {
      image = pageImage(id.data, Number(match[2]));
    } catch {
      // A damaged or missing blob file: the page exists but cannot be shown.
      return new Response(null, { status: 500, headers: { 'Cache-Control': 'no-store' } });
    }
    if (!image) return new Response(null, { status: 404 });
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
