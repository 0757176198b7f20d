import { app, BrowserWindow, session, type WebContents } from 'electron';
import { APP_ORIGIN } from '../../../app/contract/ipc';
import { mainWindowPreferences } from './web-preferences';

/**
 * The one window (its renderer settings: `mainWindowPreferences`). Navigation, new windows,
 * webviews and every permission request are refused.
 */
export function createMainWindow(preloadFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Folio',
    backgroundColor: '#f6f7f9',
    webPreferences: mainWindowPreferences(preloadFile, { packaged: app.isPackaged }),
  });
  lockDownContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}
