import path from 'node:path';
import { protocol } from 'electron';
import { PAGE_IMAGE_PATH } from '../../../app/contract/client';
import { APP_SCHEME } from '../../../app/contract/ipc';
import type { Workstation } from '../../services/workstation';
import { readStaticFile } from '../http/static-files';
import { createPageImageHandler } from '../page-images';
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from '../security-headers';

/** Must run before the app is ready: `folio://` behaves like https (secure, standard, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
  ]);
}

/** Serves the built renderer and page images from `folio://app/`, the renderer's only origin. */
export function handleAppScheme(workstation: Workstation, rendererRoot: string): void {
  const pageImages = createPageImageHandler(workstation.pageImage);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response(null, { status: 404 });
    if (url.pathname.startsWith(`${PAGE_IMAGE_PATH}/`)) return pageImages(request, url.pathname.slice(PAGE_IMAGE_PATH.length));
    const file = await readStaticFile(path.resolve(rendererRoot), url.pathname);
    if (!file) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { ...STATIC_SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Security-Policy': contentSecurityPolicy() },
    });
  });
}
