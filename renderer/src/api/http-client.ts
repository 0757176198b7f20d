import { pageImagePath, type FolioClient } from '../../../app/contract/client';
import type { EventName } from '../../../app/contract/events';
import type { Result } from '../../../app/contract/errors';

/**
 * Browser mode: the same FolioClient over the loopback HTTP host. The session is an HttpOnly
 * cookie set when the launch link was opened; this code never sees a token.
 */
export function createHttpClient(): FolioClient {
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  function ensureSource(): EventSource {
    if (source) return source;
    source = new EventSource('./api/events');
    return source;
  }

  return {
    async call(method, input) {
      try {
        const response = await fetch(`./api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input),
        });
        return (await response.json()) as Result<never>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Folio is not answering. Is it still running?' } };
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      if (!listeners.has(event)) {
        listeners.set(event, set);
        ensureSource().addEventListener(event, (message) => {
          const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
          for (const each of set) each(payload);
        });
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    pageImageUrl(documentId, pageIndex) {
      return `.${pageImagePath(documentId, pageIndex)}`;
    },
  };
}
