import path from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * The window's renderer settings, apart from the window so they are checked without Electron's
 * binary. Renderer code runs sandboxed with context isolation and no Node; it can reach nothing
 * but the preload's `window.folio`. DevTools would let anyone at the keyboard read every page and
 * call every method around the UI's checks: a packaged build has none (a developer's `npm start`
 * keeps them).
 */
export function mainWindowPreferences(preloadFile: string, build: { packaged: boolean }): WebPreferences {
  return {
    preload: path.resolve(preloadFile),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: !build.packaged,
  };
}
