import type { Result } from './errors';
import type { EventName, EventPayload } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';

/**
 * What a UI sees of the API, whichever host carries it: `window.folio` in Electron (built by the
 * preload) and an HTTP client in browser mode implement the same interface.
 */
export interface FolioClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** URL of a page image, served by the host's page-image handler. */
  pageImageUrl(documentId: string, pageIndex: number): string;
}

export const PAGE_IMAGE_PATH = '/pages';

export function pageImagePath(documentId: string, pageIndex: number): string {
  return `${PAGE_IMAGE_PATH}/${encodeURIComponent(documentId)}/${pageIndex}`;
}
