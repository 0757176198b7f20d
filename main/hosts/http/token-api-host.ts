import type { TokenApiServer } from '../../services/token-api-service';
import type { Workstation } from '../../services/workstation';
import { startHttpHost } from './server';

/**
 * The desktop app's local API for programs with a named API token: the HTTP host in its
 * programs-only mode on 127.0.0.1:`port` (never another interface), the same dispatcher,
 * scopes, role checks and audit rows as browser mode's API, and nothing a browser could use.
 * The Electron host hands this to the workstation, which starts and stops it as the admin's
 * setting says; it runs, and is tested, under plain Node.
 */
export async function startTokenApiHost(workstation: Workstation, port: number): Promise<TokenApiServer> {
  const host = await startHttpHost({ workstation, port, programsOnly: true });
  return { port: host.port, close: () => host.close() };
}
