import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../app/contract/audit';
import type { Result } from '../../../app/contract/errors';
import type { Workstation } from '../../../main/services/workstation';
import { characterErrorRate } from '../../fixtures/scans/known-text';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'http' as const };

interface Reading {
  text: string;
  confidence: number;
  engine?: 'tesseract' | 'icr';
  candidates: Array<{ text: string; confidence: number; engine?: string }>;
}

/** Where each line of the test page is written: printed, or by hand in a handwriting font. */
const LINES = [
  { text: 'Patient: Ana Lima', font: 'DejaVu Sans', size: 44, x: 120, baseline: 200 },
  { text: '03/11/2024', font: 'DkgHandwriting', size: 60, x: 120, baseline: 420 },
  { text: 'take one tablet daily', font: 'DkgHandwriting', size: 60, x: 120, baseline: 620 },
  { text: 'metformin', font: 'Humor Sans', size: 56, x: 120, baseline: 820 },
] as const;

/** A rectangle round a line as a person would draw it: a little loose all round. */
function drawnBox(line: (typeof LINES)[number]): { x: number; y: number; width: number; height: number } {
  return { x: line.x - 20, y: line.baseline - line.size * 1.15, width: line.text.length * line.size * 0.72 + 40, height: line.size * 1.6 };
}

async function pageWithHandwriting(): Promise<Buffer> {
  const texts = LINES.map((l) => `<text x="${l.x}" y="${l.baseline}" font-family="${l.font}" font-size="${l.size}" fill="${l.font === 'DejaVu Sans' ? '#111' : '#14245e'}">${l.text}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1700" height="1000"><rect width="100%" height="100%" fill="#fff"/>${texts}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale().withDensity(300).png().toBuffer();
}

describe('regions.recognize: a rectangle of a page read again (real engines, real vault)', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let documentId: string;

  const dispatch = (method: string, input: unknown): Promise<Result<unknown>> => workstation.dispatch(method, input, context) as Promise<Result<unknown>>;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const recognize = (line: (typeof LINES)[number], fieldType?: string): Promise<Reading> =>
    call<Reading>('regions.recognize', { documentId, pageIndex: 0, box: drawnBox(line), ...(fieldType ? { fieldType } : {}) });

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>('documents.import', { files: [{ name: 'note.png', dataBase64: toBase64(await pageWithHandwriting()) }] });
    documentId = outcomes[0]?.documentId as string;
    await workstation.idle();
  });
  afterAll(async () => cleanup());

  it('reads a handwritten date exactly with the handwriting recogniser when told the box holds a date', async () => {
    const reading = await recognize(LINES[1], 'date');
    expect(reading).toMatchObject({ text: '03/11/2024', engine: 'icr' });
    expect(reading.candidates.length).toBeGreaterThan(0);
    expect(reading.candidates.length).toBeLessThanOrEqual(3);
    expect(reading.candidates[0]?.text).toBe('03/11/2024');
  });

  it('reads a handwritten line of free text with the recogniser, uncorrected', async () => {
    const reading = await recognize(LINES[2]);
    expect(reading.engine).toBe('icr');
    expect(characterErrorRate('take one tablet daily', reading.text)).toBeLessThan(0.15);
  });

  it('reads a printed line right, whichever engine was the more confident', async () => {
    const reading = await recognize(LINES[0]);
    expect(reading.text.replace(/\s+/g, ' ')).toContain('Ana Lima');
    expect(['tesseract', 'icr']).toContain(reading.engine);
  });

  it('answers a box of free text without inventing candidates beyond three, best first', async () => {
    const reading = await recognize(LINES[3]);
    const confidences = reading.candidates.map((c) => c.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(reading.candidates.length).toBeLessThanOrEqual(3);
    expect(reading.text.toLowerCase()).toBe('metformin');
  });

  it('records the look in the document history, and refuses a page that does not exist', async () => {
    const history = (await call<{ entries: HistoryEntry[] }>('documents.history', { documentId })).entries;
    expect(history.some((entry) => entry.kind === 'view')).toBe(true);
    expect(await dispatch('regions.recognize', { documentId, pageIndex: 5, box: drawnBox(LINES[0]) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
