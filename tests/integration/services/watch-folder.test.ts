import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { DocumentSummary } from '../../../app/model/document';
import type { Workstation } from '../../../main/services/workstation';
import { renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation } from '../../support/workstation';

const context = { host: 'cli' as const };

async function documents(workstation: Workstation): Promise<DocumentSummary[]> {
  const result = (await workstation.dispatch('documents.list', {}, context)) as Result<{ documents: DocumentSummary[] }>;
  return result.ok ? result.value.documents : [];
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('watch folder: scanner output is taken in once (real Tesseract, real vault)', () => {
  const scans = makeTempDir('folio-scans-');
  let workstation: Workstation;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
  });
  afterAll(async () => {
    await cleanup();
    scans.remove();
  });

  it('refuses a folder that does not exist', async () => {
    const result = await workstation.dispatch('settings.update', { watchFolder: path.join(scans.dir, 'missing') }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('imports a new scan once, and ignores a copy under another name and files that are not scans', async () => {
    const page = await renderLinesPage(['Referral for physical therapy', 'Patient: Ana Lima']);
    const result = await workstation.dispatch('settings.update', { watchFolder: scans.dir }, context);
    expect(result).toMatchObject({ ok: true, value: { watchFolder: scans.dir } });

    fs.writeFileSync(path.join(scans.dir, 'scan-0001.png'), page.png);
    fs.writeFileSync(path.join(scans.dir, 'notes.txt'), 'not a scan');
    fs.writeFileSync(path.join(scans.dir, 'broken.pdf'), 'this is text named .pdf');
    const imported = await waitFor(async () => {
      const list = await documents(workstation);
      return list.length > 0 ? list : null;
    });
    expect(imported.map((doc) => doc.name)).toEqual(['scan-0001.png']);

    fs.copyFileSync(path.join(scans.dir, 'scan-0001.png'), path.join(scans.dir, 'scan-0001 copy.png'));
    // Two more polls at least (3 s apart): the copy must still not be imported.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect((await documents(workstation)).map((doc) => doc.name)).toEqual(['scan-0001.png']);
    expect(fs.existsSync(path.join(scans.dir, 'scan-0001.png'))).toBe(true);
  });
});
