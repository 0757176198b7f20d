import fs from 'node:fs';

/**
 * Makes a rename or a new file in `dir` durable: after a crash the directory entry is there.
 * Windows has no directory handles to sync, and its renames are durable enough.
 */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
