import http from 'node:http';
import type { Result } from '../../app/contract/errors';
import type { SessionStatus } from '../../app/contract/session';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One raw request to a loopback host, so a test sees exactly the status, headers and bytes. */
export function rawRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
        // A fresh connection per call: a process killed mid-burst must not poison a shared socket.
        agent: false,
        timeout: options.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * The browser's side of browser mode, without a browser: the one-time launch link is exchanged
 * for a session (handed over in the redirect's fragment, as the UI takes it), then every method
 * is `POST /api/<method>` with JSON and the session as a bearer, as the UI does. A successful
 * unlock rotates the session; the client keeps the new one, as the UI does.
 */
export class FolioHttpClient {
  private constructor(
    readonly port: number,
    private token: string,
    private viewToken: string,
  ) {}

  static async connect(launchUrl: string): Promise<FolioHttpClient> {
    const url = new URL(launchUrl);
    const port = Number(url.port);
    const response = await rawRequest(port, { path: `${url.pathname}${url.search}` });
    const handed = new URLSearchParams(String(response.headers.location ?? '').split('#')[1] ?? '');
    const token = handed.get('session');
    const view = handed.get('view');
    if (response.status !== 303 || !token || !view) throw new Error(`launch link refused with ${response.status}`);
    return new FolioHttpClient(port, token, view);
  }

  /** The HTTP status and the typed result, for tests that check both. */
  async post<T = unknown>(method: string, input: unknown = {}): Promise<{ status: number; result: Result<T> }> {
    const response = await rawRequest(this.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const rotated = new URLSearchParams(String(response.headers['x-folio-session'] ?? ''));
    if (rotated.get('session') && rotated.get('view')) {
      this.token = rotated.get('session') as string;
      this.viewToken = rotated.get('view') as string;
    }
    return { status: response.status, result: JSON.parse(response.body.toString('utf8')) as Result<T> };
  }

  /** The value, or a thrown error naming the method and code (never the input: it may be PHI). */
  async call<T = unknown>(method: string, input: unknown = {}): Promise<T> {
    const { result } = await this.post<T>(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** A page image or the event stream, as an <img> asks for it: with the view token, no header. */
  get(path: string): Promise<RawResponse> {
    return rawRequest(this.port, { path: `${path}${path.includes('?') ? '&' : '?'}v=${encodeURIComponent(this.viewToken)}` });
  }

  /**
   * Signs in whatever the vault needs on this machine: setup on first run, then unlock. With a
   * keychain (the test run's gnome-keyring) the vault key comes from it; without one the vault
   * passphrase wraps it, and unlock must send it.
   */
  async openVault(admin: { name: string; passphrase: string }, vaultPassphrase: string): Promise<SessionStatus> {
    const status = await this.call<SessionStatus>('session.status');
    if (status.state === 'unlocked') return status;
    if (status.state === 'setup') {
      const setup = await this.call<{ status: SessionStatus }>('session.setup', {
        adminName: admin.name,
        passphrase: admin.passphrase,
        ...(status.keychainAvailable ? {} : { vaultPassphrase }),
      });
      return setup.status;
    }
    return this.call<SessionStatus>('session.unlock', {
      userName: admin.name,
      passphrase: admin.passphrase,
      ...(status.vaultSecret === 'passphrase' ? { vaultPassphrase } : {}),
    });
  }
}
