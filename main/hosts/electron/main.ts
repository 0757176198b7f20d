import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow } from 'electron';
import { configureLogging, logger } from '../../log/logger';
import { openWorkstation, type Workstation } from '../../services/workstation';
import { startTokenApiHost } from '../http/token-api-host';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { wireIpc } from './ipc';
import { createMainWindow, denyAllPermissions, lockDownContents } from './window';

/**
 * The desktop host: thin wiring of the workstation into one locked-down window. Everything it
 * calls also runs, and is tested, under plain Node.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  let workstation: Workstation | null = null;
  let window: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));

  void app.whenReady().then(() => {
    const dataDir = app.getPath('userData');
    configureLogging({ dataDir, console: false });
    denyAllPermissions();
    // Programs with a named API token reach the same API on loopback, only when an admin turns it on in Settings.
    workstation = openWorkstation({ dataDir, tokenApiServer: startTokenApiHost });
    handleAppScheme(workstation, path.resolve(here, '..', 'renderer'));
    window = createMainWindow(path.resolve(here, '..', 'preload', 'preload.cjs'));
    const unwire = wireIpc(workstation, window);
    window.on('closed', () => {
      unwire();
      window = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!workstation) return;
    event.preventDefault();
    const closing = workstation;
    workstation = null;
    void closing
      .close()
      .catch((error: unknown) => logger('electron').error('shutdown failed', error))
      .finally(() => app.exit(0));
  });
}
