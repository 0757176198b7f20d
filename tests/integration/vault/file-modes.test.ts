import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../../main/log/logger';
import { renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

// Everything Folio keeps (the vault, its WAL and shared memory, sealed pages, the key file, the
// logs) is PHI, its keys or its logs: every file is 0600 and every folder 0700, whatever the
// process's umask, and an older Folio's wider vault is narrowed when it next opens.

/** Every folder and file under `dir` whose mode lets anyone but the owner in, with its mode. */
function widerThanOwner(dir: string): string[] {
  const found: string[] = [];
  const visit = (current: string): void => {
    const stat = fs.lstatSync(current);
    const mode = stat.mode & 0o777;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    if (mode !== wanted) found.push(`${path.relative(dir, current) || '.'} ${mode.toString(8)}`);
    if (stat.isDirectory()) for (const name of fs.readdirSync(current)) visit(path.join(current, name));
  };
  visit(dir);
  return found;
}

describe('file modes of the data folder (real vault, real logs)', () => {
  const previousUmask = process.umask(0o022);
  const temp = makeTempDir('folio-modes-');
  const dataDir = path.join(temp.dir, 'Folio');

  beforeAll(async () => {
    const opened = await openTestWorkstation({ dataDir });
    const page = await renderLinesPage(['Patient: Mode Example', 'MRN 4400012']);
    const imported = await opened.workstation.dispatch('documents.import', { files: [{ name: 'modes.png', dataBase64: toBase64(page.png) }] }, { host: 'cli' });
    expect(imported.ok).toBe(true);
    await opened.workstation.idle();
    logger('modes-test').info('a line, so the log file exists');
    // Still open: the WAL and shared-memory files are there to be looked at.
    expect(fs.existsSync(path.join(dataDir, 'vault', 'folio.db-wal'))).toBe(true);
    expect(widerThanOwner(dataDir)).toEqual([]);
    await opened.cleanup();
  });
  afterAll(() => {
    process.umask(previousUmask);
    temp.remove();
  });

  it('holds the vault, its WAL, its sealed pages, its key file and the log, all owner-only', () => {
    expect(fs.existsSync(path.join(dataDir, 'logs', 'folio.log'))).toBe(true);
    expect(fs.readdirSync(path.join(dataDir, 'vault'))).toEqual(expect.arrayContaining(['folio.db', 'blobs']));
    expect(widerThanOwner(dataDir)).toEqual([]);
  });

  it('narrows a vault and logs an older Folio left readable by others when it next opens', async () => {
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'vault'), 0o755);
    fs.chmodSync(path.join(dataDir, 'vault', 'folio.db'), 0o644);
    fs.chmodSync(path.join(dataDir, 'logs'), 0o755);
    fs.chmodSync(path.join(dataDir, 'logs', 'folio.log'), 0o644);
    const reopened = await openTestWorkstation({ dataDir });
    try {
      expect(widerThanOwner(dataDir)).toEqual([]);
    } finally {
      await reopened.workstation.close();
    }
  });
});
