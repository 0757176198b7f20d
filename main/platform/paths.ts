import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Folio';

/**
 * The same folder Electron's `app.getPath('userData')` gives, so the desktop app, browser mode
 * and the CLI share one vault.
 */
export function defaultDataDir(): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}
