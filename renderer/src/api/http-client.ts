import { pageImagePath, type FolioClient } from '../../../app/contract/client';
import type { EventName } from '../../../app/contract/events';
import type { Result } from '../../../app/contract/errors';

/** The rotated session, when a call (an unlock) started a new one. */
const SESSION_HEADER = 'X-Folio-Session';

interface BrowserSession {
  token: string;
  viewToken: string;
  expiresAt: number;
}

/**
 * Browser mode: the same FolioClient over the loopback HTTP host. The session is no cookie
 * (browsers send 127.0.0.1's cookies to every port): the launch link hands it over in the
 * address's fragment, which this code moves into sessionStorage (this origin, so this port,
 * only; gone with the tab) and out of the address bar. API calls send it as a bearer; page
 * images and the event stream carry only the view token, which opens nothing else. An unlock
 * rotates both.
 */
export function createHttpClient(): FolioClient {
  const storageKey = `folio-session:${window.location.port}`;
  let session = adoptLaunchFragment(storageKey) ?? readStored(storageKey);
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const live = (): BrowserSession | null => {
    if (session && session.expiresAt <= Date.now()) {
      window.sessionStorage.removeItem(storageKey);
      session = null;
    }
    return session;
  };

  const dispatchTo = (set: Set<(payload: unknown) => void>) => (message: Event) => {
    const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
    for (const each of set) each(payload);
  };

  /** The event stream, opened with the current view token; reopened when a session rotates. */
  function ensureSource(): EventSource {
    if (source) return source;
    source = new EventSource(`./api/events?v=${encodeURIComponent(live()?.viewToken ?? '')}`);
    for (const [event, set] of listeners) source.addEventListener(event, dispatchTo(set));
    return source;
  }

  return {
    async call(method, input) {
      const current = live();
      if (!current) return { ok: false, error: { code: 'unauthorized', message: 'This browser session has ended. Open Folio from a new link (restart browser mode).' } };
      try {
        const response = await fetch(`./api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${current.token}` },
          credentials: 'omit',
          body: JSON.stringify(input),
        });
        const rotated = parseSession(response.headers.get(SESSION_HEADER));
        if (rotated) {
          session = rotated;
          window.sessionStorage.setItem(storageKey, JSON.stringify(rotated));
          // The old view token stopped working: the stream is reopened with the new one.
          if (source) {
            source.close();
            source = null;
            ensureSource();
          }
        }
        return (await response.json()) as Result<never>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Folio is not answering. Is it still running?' } };
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      if (!listeners.has(event)) {
        listeners.set(event, set);
        if (source) source.addEventListener(event, dispatchTo(set));
        else ensureSource();
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    pageImageUrl(documentId, pageIndex) {
      return `.${pageImagePath(documentId, pageIndex)}?v=${encodeURIComponent(live()?.viewToken ?? '')}`;
    },
  };
}

/** The session the launch redirect put in the fragment, stored and wiped from the address bar. */
function adoptLaunchFragment(storageKey: string): BrowserSession | null {
  const handed = parseSession(window.location.hash.slice(1));
  if (!handed) return null;
  window.sessionStorage.setItem(storageKey, JSON.stringify(handed));
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  return handed;
}

function readStored(storageKey: string): BrowserSession | null {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(storageKey) ?? 'null') as Partial<BrowserSession> | null;
    return stored && typeof stored.token === 'string' && typeof stored.viewToken === 'string' && typeof stored.expiresAt === 'number'
      ? { token: stored.token, viewToken: stored.viewToken, expiresAt: stored.expiresAt }
      : null;
  } catch {
    return null;
  }
}

function parseSession(encoded: string | null): BrowserSession | null {
  if (!encoded) return null;
  const params = new URLSearchParams(encoded);
  const token = params.get('session');
  const viewToken = params.get('view');
  const expiresAt = Number(params.get('expires'));
  return token && viewToken && Number.isFinite(expiresAt) ? { token, viewToken, expiresAt } : null;
}
