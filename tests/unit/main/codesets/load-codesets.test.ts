import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCdcOrderFile, loadCmsHcpcsFile, loadShippedCodeSets } from '../../../../main/codesets/load-codesets';
import { validateIcd10 } from '../../../../app/validate/icd10';
import { validateProcedureCode } from '../../../../app/validate/procedure-codes';

const RESOURCES = join(__dirname, '../../../../resources/codesets');
const dir = mkdtempSync(join(tmpdir(), 'folio-codesets-'));
/** Folio's data folder for these tests: release files are read from anywhere but inside it. */
const dataDir = mkdtempSync(join(tmpdir(), 'folio-codesets-data-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** One CDC order-file line: order(5) sp code(7) sp billable(1) sp short(60) sp long. */
function orderLine(order: number, code: string, billable: 0 | 1, short: string, long: string): string {
  return `${String(order).padStart(5, '0')} ${code.padEnd(7)} ${billable} ${short.padEnd(60)} ${long}`;
}

/** One CMS HCPCS record: code(5) seq(5) record id(1) long(80) short(28), padded to 320. */
function hcpcsRecord(code: string, seq: number, id: string, long: string, short: string): string {
  return `${code.padEnd(5)}${String(seq).padStart(5, '0')}${id}${long.padEnd(80)}${short.padEnd(28)}`.padEnd(320);
}

describe('shipped code sets', () => {
  it('load with their release labels and full contents', async () => {
    const sets = await loadShippedCodeSets(RESOURCES);
    expect(sets.icd10.release.release).toBe('FY2022');
    expect(sets.icd10.size).toBe(95_524);
    expect(sets.hcpcs.release.release).toBe('2019');
    expect(sets.hcpcs.size).toBe(6_800);
    const e119 = validateIcd10('E11.9', sets.icd10);
    expect(e119.entry).toMatchObject({ billable: true, description: 'Type 2 diabetes mellitus without complications' });
    expect(validateIcd10('E11', sets.icd10).findings.map((f) => f.code)).toEqual(['icd10.not_billable']);
    expect(validateIcd10('EI1.9', sets.icd10).findings[0]?.suggestions?.[0]).toBe('E11.9');
    expect(validateProcedureCode('J1100', sets.hcpcs).entry?.kind).toBe('procedure');
    expect(sets.hcpcs.get('LT')?.kind).toBe('modifier');
  });
});

describe('user-supplied upstream releases', () => {
  it('reads a CDC order file, gzipped or not', async () => {
    const text = [
      orderLine(1, 'U07', 0, 'Emergency use of U07', 'Emergency use of U07'),
      orderLine(2, 'U071', 1, 'COVID-19', 'COVID-19'),
      orderLine(3, 'Z1152', 1, 'Encounter for screening for COVID-19', 'Encounter for screening for COVID-19'),
    ].join('\r\n');
    const plain = join(dir, 'icd10cm_order_2026.txt');
    writeFileSync(plain, text);
    const set = await loadCdcOrderFile(plain, 'FY2026', dataDir);
    expect(set.size).toBe(3);
    expect(set.release).toMatchObject({ system: 'ICD-10-CM', release: 'FY2026' });
    expect(set.get('U07.1')).toEqual({ code: 'U071', billable: true, description: 'COVID-19' });
    expect(set.get('U07')?.billable).toBe(false);
    const gz = join(dir, 'order.txt.gz');
    writeFileSync(gz, gzipSync(text));
    expect((await loadCdcOrderFile(gz, 'FY2026', dataDir)).get('Z11.52')?.billable).toBe(true);
  });

  it('rejects a file that is not an order file', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'code,description\nE119,Diabetes\n');
    await expect(loadCdcOrderFile(bad, 'FY2026', dataDir)).rejects.toThrow(/CDC order file layout/);
  });

  it('reads a CMS HCPCS fixed-width file with continuation records', async () => {
    const text = [
      hcpcsRecord('A0021', 100, '3', 'Ambulance service, outside state per mile, transport', 'Outside state ambulance serv'),
      hcpcsRecord('J0136', 100, '3', 'Injection, acetaminophen and a newer drug of the future, per', 'Inj newer drug'),
      hcpcsRecord('J0136', 200, '4', '10 mg', ''),
      hcpcsRecord('LT', 100, '7', 'Left side (used to identify procedures performed on the left side of the body)', 'Left side'),
    ].join('\n');
    const path = join(dir, 'HCPC2026_CONTR_ANWEB.txt');
    writeFileSync(path, text);
    const set = await loadCmsHcpcsFile(path, '2026', dataDir);
    expect(set.size).toBe(3);
    expect(set.get('J0136')?.description).toBe('Injection, acetaminophen and a newer drug of the future, per 10 mg');
    expect(set.get('LT')?.kind).toBe('modifier');
    expect(validateProcedureCode('J0136', set).findings).toEqual([]);
  });
});

/**
 * Finding 5 of issue 13: a release file's path goes through the one path policy and is read
 * within caps. Each of these once grew the process by gigabytes or blocked a worker for good.
 */
describe('a release file path a person typed', () => {
  const codeOf = async (run: () => Promise<unknown>): Promise<string> =>
    run().then(
      () => 'accepted',
      (error: unknown) => (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.name === 'FolioError' ? error.code : 'untyped'),
    );

  it('refuses /dev/zero, a FIFO, a relative path and the data folder, each with a typed error and without waiting', async () => {
    const fifo = join(dir, 'release.fifo');
    spawnSync('mkfifo', [fifo]);
    const inside = join(dataDir, 'order.txt');
    writeFileSync(inside, orderLine(1, 'U07', 0, 'x', 'x'));
    expect(await codeOf(() => loadCdcOrderFile('/dev/zero', 'FY2026', dataDir))).toBe('forbidden');
    expect(await codeOf(() => loadCdcOrderFile(fifo, 'FY2026', dataDir))).toBe('invalid_input');
    expect(await codeOf(() => loadCdcOrderFile('order.txt', 'FY2026', dataDir))).toBe('invalid_input');
    expect(await codeOf(() => loadCdcOrderFile(inside, 'FY2026', dataDir))).toBe('invalid_input');
  });

  it('stops a gzip bomb while it expands, and refuses a file over the size cap before reading it', async () => {
    // 256 MiB of zeros packs into about 250 KB: far past both the ratio and the expanded cap.
    const bomb = join(dir, 'bomb.txt.gz');
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    const { createGzip } = await import('node:zlib');
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => parts.push(chunk));
    const done = new Promise((resolve) => gzip.on('end', resolve));
    for (let i = 0; i < 16; i += 1) gzip.write(zeros);
    gzip.end();
    await done;
    writeFileSync(bomb, Buffer.concat(parts));
    expect(await codeOf(() => loadCdcOrderFile(bomb, 'FY2026', dataDir))).toBe('too_large');

    const sparse = join(dir, 'huge.txt');
    spawnSync('truncate', ['-s', '100M', sparse]);
    expect(await codeOf(() => loadCdcOrderFile(sparse, 'FY2026', dataDir))).toBe('too_large');
  });
});
