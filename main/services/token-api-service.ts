import { FolioError } from '../../app/contract/errors';
import { logger } from '../log/logger';
import type { Workstation } from './workstation';

const log = logger('token-api');

/** A listener a host started for programs' token calls. */
export interface TokenApiServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * How a host serves programs' API-token calls on a loopback port (the desktop app passes the HTTP
 * host's programs-only mode); a host without one (browser mode, which serves tokens at its own
 * address, and the CLI) passes none.
 */
export type TokenApiServerFactory = (workstation: Workstation, port: number) => Promise<TokenApiServer>;

/**
 * The desktop app's local API for programs: listening while the admin's `tokenApiPort` setting
 * says so, on that port, from the moment the vault is open (the setting and the tokens are in
 * it). Changes are applied one at a time, so a quick off-on-off never leaves two listeners.
 */
export class TokenApiService {
  private server: TokenApiServer | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly start: (port: number) => Promise<TokenApiServer>) {}

  /** The port served now, or null. */
  get serving(): number | null {
    return this.server?.port ?? null;
  }

  /**
   * Serves on `port`, or stops (null). Throws `conflict` when another program holds the port:
   * nothing is served then, and the caller keeps the setting as it was.
   */
  apply(port: number | null): Promise<void> {
    const next = this.queue.then(() => this.applyNow(port));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops serving: the workstation is closing. */
  async close(): Promise<void> {
    await this.apply(null);
  }

  private async applyNow(port: number | null): Promise<void> {
    if (this.server?.port === port) return;
    // The new port is opened before the old one is let go: when it is taken, the old one stays.
    const started = port === null ? null : await this.startOn(port);
    const previous = this.server;
    this.server = started;
    if (previous) {
      await previous.close();
      log.info('local API for programs stopped', { port: previous.port });
    }
    if (started) log.info('local API for programs listening on loopback', { port: started.port });
  }

  private async startOn(port: number): Promise<TokenApiServer> {
    try {
      return await this.start(port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === 'EADDRINUSE' || code === 'EACCES') {
        throw new FolioError('conflict', `Another program already uses port ${port} on this computer. Choose another port.`);
      }
      log.error('local API for programs could not start', error);
      throw new FolioError('internal', 'The local API for programs could not start.');
    }
  }
}
