import { describe, expect, it } from 'vitest';
import { mainWindowPreferences } from '../../../../main/hosts/electron/web-preferences';

describe("the window's renderer settings", () => {
  it('give a packaged build no DevTools, and a developer build its DevTools', () => {
    expect(mainWindowPreferences('preload.cjs', { packaged: true }).devTools).toBe(false);
    expect(mainWindowPreferences('preload.cjs', { packaged: false }).devTools).toBe(true);
  });

  it('keep the renderer sandboxed and isolated, with no Node, webviews or drag-and-drop navigation', () => {
    expect(mainWindowPreferences('preload.cjs', { packaged: true })).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});
