import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { Settings } from '../../../app/contract/session';
import type { Workstation } from '../../../main/services/workstation';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation } from '../../support/workstation';

const context = { host: 'cli' as const };

/** One line of the CDC order file's fixed-width layout. */
function orderLine(order: number, code: string, billable: 0 | 1, short: string, long: string): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${billable} ${short.padEnd(60)} ${long}`;
}

async function settings(workstation: Workstation): Promise<Settings> {
  const result = (await workstation.dispatch('settings.get', {}, context)) as Result<Settings>;
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

describe('a newer ICD-10-CM release loaded by the admin', () => {
  const temp = makeTempDir();
  const dataDir = temp.dir;
  // Release files live outside Folio's data folder: the path policy refuses anything inside it.
  const downloads = makeTempDir();
  let workstation: Workstation;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir }));
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
    downloads.remove();
  });

  it('says which releases the checks use: the shipped ones to begin with', async () => {
    const releases = (await settings(workstation)).codeSets?.map((release) => `${release.system} ${release.release}`);
    expect(releases).toEqual(['ICD-10-CM FY2022', 'HCPCS Level II 2019']);
  });

  it('refuses a file that is not an order file, and keeps the release in use', async () => {
    const bogus = path.join(downloads.dir, 'not-an-order-file.txt');
    fs.writeFileSync(bogus, 'code,description\nE11A,Type 2 diabetes in remission\n');
    const result = await workstation.dispatch('settings.update', { icd10File: { path: bogus, release: 'FY2026' } }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await settings(workstation)).codeSets?.[0]?.release).toBe('FY2022');
  });

  it('refuses /dev/zero, a FIFO and a file inside the data folder with typed errors, without hanging, and keeps the release in use', async () => {
    const fifo = path.join(downloads.dir, 'order.fifo');
    spawnSync('mkfifo', [fifo]);
    const inside = path.join(dataDir, 'icd10cm_order_2026.txt');
    fs.writeFileSync(inside, orderLine(1, 'E11', 0, 'Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'));
    for (const [file, code] of [
      ['/dev/zero', 'forbidden'],
      [fifo, 'invalid_input'],
      [inside, 'invalid_input'],
    ] as const) {
      const result = await workstation.dispatch('settings.update', { icd10File: { path: file, release: 'FY2026' } }, context);
      expect(result, file).toMatchObject({ ok: false, error: { code } });
      expect(JSON.stringify(result)).not.toContain(file);
    }
    expect((await settings(workstation)).codeSets?.[0]?.release).toBe('FY2022');
  });

  it('loads a CDC order file, names its release, and keeps it across a restart', async () => {
    const file = path.join(downloads.dir, 'icd10cm_order_2026.txt');
    fs.writeFileSync(
      file,
      [
        orderLine(1, 'E11', 0, 'Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'),
        orderLine(2, 'E11A', 1, 'Type 2 diabetes mellitus w/o comp in remission', 'Type 2 diabetes mellitus without complications in remission'),
      ].join('\n'),
    );
    const result = await workstation.dispatch('settings.update', { icd10File: { path: file, release: 'FY2026' } }, context);
    expect(result.ok).toBe(true);
    expect((await settings(workstation)).codeSets?.[0]).toMatchObject({ system: 'ICD-10-CM', release: 'FY2026' });

    await cleanup();
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir }));
    expect((await settings(workstation)).codeSets?.[0]?.release).toBe('FY2026');
  });

  it('a saved release file later swapped for a FIFO neither hangs the next start nor stops the checks: the shipped release stands in', async () => {
    const file = path.join(downloads.dir, 'icd10cm_order_2026.txt');
    await cleanup();
    fs.rmSync(file);
    spawnSync('mkfifo', [file]);
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir }));
    const current = await settings(workstation);
    expect(current.icd10File?.release).toBe('FY2026');
    expect(current.codeSets?.[0]?.release).toBe('FY2022');
  });
});
