import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorCode } from '../../../app/contract/errors';
import { eventNames } from '../../../app/contract/events';
import { MAX_IMPORT_FILE_BYTES } from '../../../app/contract/methods';
import { MAX_TEMPLATE_JSON_CHARS } from '../../../app/contract/templates';
import { PAGE_IMAGE_PATH } from '../../../app/contract/client';
import { logger } from '../../log/logger';
import type { Workstation } from '../../services/workstation';
import { createPageImageHandler, safeDecode } from '../page-images';
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from '../security-headers';
import type { ApiPrincipal } from '../../vault/api-tokens';
import { looksLikeApiToken } from '../../vault/api-tokens';
import { BrowserSessions, SESSION_HEADER, encodeSession } from './browser-sessions';
import { readStaticFile } from './static-files';
import { httpStatusFor } from './status';

const log = logger('http');

/** The cookie an older Folio kept the bearer in: cleared when a launch link is opened, never read. */
export const LEGACY_SESSION_COOKIE = 'folio_session';
/** Import bodies carry base64 files; every other method is small. */
export const MAX_IMPORT_BODY_BYTES = Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 64 * 1024;
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * A form template travels as JSON (save, test) or as JSON text inside JSON (import): escaping
 * its quotes and the UTF-8 of non-ASCII labels can take it past twice its length, so its
 * methods get room for three times the template's cap; the dispatcher still holds the cap itself.
 */
export const MAX_TEMPLATE_BODY_BYTES = 3 * MAX_TEMPLATE_JSON_CHARS + 64 * 1024;
const TEMPLATE_BODY_METHODS: ReadonlySet<string> = new Set(['templates.save', 'templates.import', 'templates.test']);

function bodyLimitFor(method: string): number {
  if (method === 'documents.import') return MAX_IMPORT_BODY_BYTES;
  return TEMPLATE_BODY_METHODS.has(method) ? MAX_TEMPLATE_BODY_BYTES : MAX_BODY_BYTES;
}

export interface HttpHostOptions {
  workstation: Workstation;
  /** Built renderer (index.html and assets); when absent only the API is served. */
  staticRoot?: string;
  port?: number;
  /**
   * The desktop app's local API for programs: named API tokens only. No launch link, no browser
   * session or view token, no UI files, and a request a browser page sends (it carries an Origin) is refused.
   */
  programsOnly?: boolean;
}

export interface HttpHost {
  readonly url: string;
  /** Opens the UI once: exchanged for a browser session (kept by the tab, never a cookie), then useless. Programs-only: the bare address. */
  readonly launchUrl: string;
  /**
   * A browser session's bearer for a caller inside this process (tests): short-lived and rotated
   * at unlock like a tab's, never printed. Programs outside use named API tokens. Programs-only: empty.
   */
  readonly apiToken: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Who a request comes from: a browser tab's session, or a program's named API token. */
type Caller = { kind: 'browser'; token: string } | { kind: 'program'; principal: ApiPrincipal };

/**
 * Browser mode and the local integration API. Loopback only, token or cookie on every call,
 * Host header checked against DNS rebinding, no CORS, bounded bodies, events over SSE.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const programsOnly = options.programsOnly === true;
  const sessions = programsOnly ? null : new BrowserSessions();
  const pageImages = createPageImageHandler(options.workstation.pageImage);
  const sseClients = new Set<ServerResponse>();
  let allowedHosts: Set<string> = new Set();

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log.error('request failed', error);
      if (!res.headersSent) sendError(res, 'internal', 'Something went wrong inside Folio.');
      else res.destroy();
    });
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendError(res, 'forbidden', 'This address is not served here.', 421);
      return;
    }
    const url = requestUrl(req.url);
    if (!url) {
      sendError(res, 'invalid_input', 'The address is not valid.');
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(405).end();
      return;
    }
    if (sessions && req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      exchangeLaunchToken(url.searchParams.get('token') ?? '', res);
      return;
    }
    const isApi = url.pathname.startsWith('/api/');
    const isPage = url.pathname.startsWith(`${PAGE_IMAGE_PATH}/`);
    if (!isApi && !isPage && programsOnly) {
      sendError(res, 'not_found', 'Only the API is served here.');
      return;
    }
    if (!isApi && !isPage) {
      // The renderer's own files: no PHI and no secret, so no session is asked for.
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        sendError(res, 'invalid_input', 'This address can only be read.', 405);
        return;
      }
      await serveStatic(url.pathname, res);
      return;
    }
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    // An <img> or EventSource cannot send a header: they carry the tab's view token, good for nothing else.
    const viewer = !!sessions && readOnly && (isPage || url.pathname === '/api/events') && sessions.acceptsView(url.searchParams.get('v') ?? '');
    const caller = viewer ? null : identify(req);
    if (!viewer && caller === 'locked') {
      sendError(res, 'locked', 'Folio is locked. Unlock it to continue.');
      return;
    }
    if (!viewer && caller === null) {
      sendError(res, 'unauthorized', 'Open Folio from the link it printed, or send a valid API token.');
      return;
    }
    const who = viewer || caller === null || caller === 'locked' ? null : caller;
    if (isApi) {
      if (!sameOriginOrNone(req)) {
        sendError(res, 'forbidden', 'Cross-origin requests are not allowed.');
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/events') {
        openEventStream(res);
        return;
      }
      if (req.method !== 'POST' || !who) {
        res.setHeader('Allow', 'POST');
        sendError(res, 'invalid_input', 'Call API methods with POST.', 405);
        return;
      }
      await callMethod(url.pathname.slice('/api/'.length), req, res, who);
      return;
    }
    const serve = (): Response => pageImages({ method: req.method ?? 'GET' }, url.pathname.slice(PAGE_IMAGE_PATH.length));
    // A program's look at a page is recorded as its token's profile, not as the person signed in.
    const response = who?.kind === 'program' ? options.workstation.session.runAs(who.principal.userId, serve) : serve();
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  function exchangeLaunchToken(offered: string, res: ServerResponse): void {
    const session = sessions?.exchange(offered);
    if (!session) {
      sendError(res, 'unauthorized', 'This link has already been used. Restart Folio for a new one.');
      return;
    }
    // The session rides in the fragment, which browsers never send to a server; the page moves it
    // into sessionStorage and out of the address bar. A cookie from an older Folio is cleared.
    res.writeHead(303, {
      'Set-Cookie': `${LEGACY_SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict`,
      Location: `/#${encodeSession(session)}`,
    });
    res.end();
  }

  /** The caller of an API or page request, from its Authorization header. */
  function identify(req: IncomingMessage): Caller | 'locked' | null {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return null;
    if (looksLikeApiToken(bearer)) {
      const principal = options.workstation.authenticateApiToken(bearer);
      if (principal === 'vault-closed') return 'locked';
      return principal ? { kind: 'program', principal } : null;
    }
    return sessions?.accepts(bearer) ? { kind: 'browser', token: bearer } : null;
  }

  function sameOriginOrNone(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    // A program sends no Origin; a page in a browser always does, and has no business here.
    if (programsOnly) return false;
    try {
      return allowedHosts.has(new URL(origin).host) && new URL(origin).protocol === 'http:';
    } catch {
      return false;
    }
  }

  async function callMethod(method: string, req: IncomingMessage, res: ServerResponse, caller: Caller): Promise<void> {
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      sendError(res, 'invalid_input', 'Send the request body as application/json.', 415);
      return;
    }
    const body = await readBody(req, bodyLimitFor(method));
    if (body === null) {
      sendError(res, 'too_large', 'The request body is larger than Folio accepts.');
      req.resume();
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      sendError(res, 'invalid_input', 'The request body is not valid JSON.');
      return;
    }
    const result = await options.workstation.dispatch(method, input, caller.kind === 'program' ? { host: 'http', principal: caller.principal } : { host: 'http' });
    const status = result.ok ? 200 : httpStatusFor(result.error.code);
    // Signing in starts a new browser session: the tab gets it here, and the one it unlocked with ends.
    if (result.ok && caller.kind === 'browser' && (method === 'session.unlock' || method === 'session.setup')) {
      const rotated = sessions?.rotate(caller.token);
      if (rotated) res.setHeader(SESSION_HEADER, encodeSession(rotated));
    }
    sendJson(res, status, result);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    res.on('close', () => sseClients.delete(res));
  }

  const unsubscribers = eventNames.map((name) =>
    options.workstation.events.on(name, (payload) => {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const client of sseClients) client.write(frame);
    }),
  );

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const file = options.staticRoot ? await readStaticFile(options.staticRoot, pathname) : null;
    if (!file) {
      sendError(res, 'not_found', 'Not found.');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Security-Policy': contentSecurityPolicy() });
    res.end(file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}`;
  if (!programsOnly) log.info('browser mode listening on loopback', { port });

  return {
    url,
    launchUrl: sessions ? `${url}/?token=${sessions.launch as string}` : url,
    apiToken: sessions ? sessions.open().token : '',
    port,
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request target as a URL, or null when it does not parse or its path does not decode. */
function requestUrl(target: string | undefined): URL | null {
  let url: URL;
  try {
    url = new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
  return safeDecode(url.pathname) === null ? null : url;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, code: ErrorCode, message: string, status = httpStatusFor(code)): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}
