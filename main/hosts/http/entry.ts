import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFolioError } from '../../../app/contract/errors';
import { configureLogging, logger } from '../../log/logger';
import { defaultDataDir } from '../../platform/paths';
import { openWorkstation } from '../../services/workstation';
import { startHttpHost } from './server';

/**
 * Browser mode: the workstation served to a local browser tab on 127.0.0.1. Used where the
 * Electron binary is missing, and as the integration API.
 */
async function main(): Promise<void> {
  const dataDir = process.env.FOLIO_DATA_DIR ?? defaultDataDir();
  configureLogging({ dataDir, console: true, level: 'warn' });
  const log = logger('browser-mode');
  const workstation = openWorkstation({ dataDir });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const host = await startHttpHost({
    workstation,
    staticRoot: path.resolve(here, '..', 'renderer'),
    port: process.env.FOLIO_PORT ? Number(process.env.FOLIO_PORT) : 0,
  });
  process.stdout.write(`Folio is running in browser mode. Open this link in your browser (it works once):\n\n  ${host.launchUrl}\n\n`);
  process.stdout.write('Press Ctrl+C to stop.\n');
  const stop = (): void => {
    void host
      .close()
      .then(() => workstation.close())
      .catch((error: unknown) => log.error('shutdown failed', error))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Folio could not start: ${isFolioError(error) ? error.message : 'see the log for details.'}\n`);
  logger('browser-mode').error('start failed', error);
  process.exit(1);
});
