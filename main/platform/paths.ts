import fs from 'node:fs';
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

// Windows keeps access in ACLs (the user's profile is private already); POSIX modes are the lock here.
const POSIX_MODES = process.platform !== 'win32';

/**
 * Makes a folder of Folio's (the data folder, the vault, its blobs, the logs) and leaves it
 * enterable by its owner only, narrowing one an older Folio or another program left wider: what
 * lies inside is PHI, its keys, or its logs.
 */
export function ensurePrivateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (POSIX_MODES && (fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

/** Narrows an existing file of Folio's to its owner (0600); a missing file is left missing. */
export function restrictToOwner(file: string): void {
  if (!POSIX_MODES) return;
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat?.isFile() && (stat.mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}
