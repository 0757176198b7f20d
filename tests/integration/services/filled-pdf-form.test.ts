import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { Box, DocumentDetail } from '../../../app/model/document';
import type { Field } from '../../../app/model/field';
import type { Workstation } from '../../../main/services/workstation';
import { cms1500AcroForm, TYPED_CLAIM, type TypedValue } from '../../fixtures/scans/cms1500-acroform';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

/**
 * A CMS-1500 filled in as a PDF form: its values live in AcroForm fields, not in its text layer
 * and not reliably in its pixels. Imported through the dispatcher with real pdf.js, the real
 * page pipeline, template registration and validators, and a real vault.
 */

const context = { host: 'cli' as const };

async function call<T>(workstation: Workstation, method: string, input: unknown): Promise<T> {
  const result = (await workstation.dispatch(method, input, context)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
  return result.value;
}

function field(detail: DocumentDetail, name: string, index: number | null = null): Field {
  const found = detail.fields.find((f) => f.name === name && f.index === index);
  if (!found) throw new Error(`no field ${name} ${index ?? ''}`);
  return found;
}

/** What a typed value reads as: a checkbox group's value is the ticked option. */
function expectTyped(detail: DocumentDetail, typed: readonly TypedValue[]): void {
  for (const value of typed) expect({ name: value.field, raw: field(detail, value.field, value.index ?? null).raw }).toEqual({ name: value.field, raw: value.value });
}

/** Share of dark pixels inside a box of the page image the reviewer sees. */
async function inkIn(png: Buffer, box: Box): Promise<number> {
  const region = { left: Math.floor(box.x), top: Math.floor(box.y), width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) };
  const { data } = await sharp(png).extract(region).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const value of data) if (value < 128) dark++;
  return dark / data.length;
}

describe('a CMS-1500 filled in as a PDF form (real pdf.js, real pipeline)', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  const ids: Record<'filled' | 'empty' | 'pictured', string> = { filled: '', empty: '', pictured: '' };

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    const files = {
      filled: await cms1500AcroForm({ printing: 'text', values: TYPED_CLAIM, emptyFieldsEverywhere: true }),
      empty: await cms1500AcroForm({ printing: 'text', values: [], emptyFieldsEverywhere: true }),
      pictured: await cms1500AcroForm({ printing: 'picture', values: TYPED_CLAIM }),
    };
    const { outcomes } = await call<{ outcomes: Array<{ ok: boolean; documentId?: string }> }>(workstation, 'documents.import', {
      files: Object.entries(files).map(([name, bytes]) => ({ name: `${name}.pdf`, dataBase64: toBase64(bytes) })),
    });
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    [ids.filled, ids.empty, ids.pictured] = outcomes.map((outcome) => outcome.documentId ?? '') as [string, string, string];
    await workstation.idle();
  });
  afterAll(async () => {
    await cleanup();
  });

  it('reads every typed value exactly, box by box, from the text layer and the fields alone (no OCR)', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId: ids.filled });
    expect(detail.status).toBe('ready');
    expect(detail.pages[0]?.engine).toBe('pdf-text');
    expect(detail.classification?.form?.templateId).toBe('cms1500-0212');
    expectTyped(detail, TYPED_CLAIM);
    expect(field(detail, 'claim.patientSex').raw).toBe('F');
  });

  it('holds exact values to the same checks: a valid NPI is confident, a wrong check digit invalid', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId: ids.filled });
    expect(field(detail, 'claim.billingNpi').status).toBe('confident');
    const lineNpi = field(detail, 'claim.line.npi', 1);
    expect(lineNpi.status).toBe('invalid');
    expect(lineNpi.findings.map((f) => f.code)).toContain('npi.check_digit');
    for (const name of ['claim.patientName', 'claim.insuredId', 'claim.taxId', 'claim.totalCharge', 'claim.billingProvider']) {
      expect({ name, status: field(detail, name).status }).toEqual({ name, status: 'confident' });
    }
    // The one required box left empty is shown as missing, where the box is.
    const address = field(detail, 'claim.patientAddress');
    expect(address.status).toBe('missing');
    expect(address.region).not.toBeNull();
  });

  it('places each value as exact words in its widget, where the page image shows it', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId: ids.filled });
    const name = field(detail, 'claim.patientName');
    const words = detail.pages[0]?.words ?? [];
    const nameWords = name.sourceWordIds.map((id) => words.find((w) => w.id === id));
    expect(nameWords.map((w) => w?.text)).toEqual(['DOE,', 'JANE', 'Q']);
    expect(nameWords.every((w) => w?.confidence === 100)).toBe(true);
    // The page image is drawn with the form's appearances: the typed name is ink in its box.
    const png = workstation.pageImage(ids.filled, 0) as Buffer;
    expect(await inkIn(png, nameWords[1]?.box as Box)).toBeGreaterThan(0.08);
  });

  it('gives an empty form no values: only its required boxes, as missing', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId: ids.empty });
    expect(detail.pages[0]?.engine).toBe('pdf-text');
    expect(detail.classification?.form?.templateId).toBe('cms1500-0212');
    expect(detail.fields.length).toBeGreaterThan(0);
    for (const f of detail.fields) expect({ name: f.name, index: f.index, raw: f.raw, status: f.status }).toEqual({ name: f.name, index: f.index, raw: null, status: 'missing' });
  });

  it('still takes the values from the fields when the printing is only a picture (its labels read by OCR)', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId: ids.pictured });
    expect(detail.status).toBe('ready');
    expect(detail.pages[0]?.engine).not.toBe('pdf-text');
    expect(detail.classification?.form?.templateId).toBe('cms1500-0212');
    expectTyped(detail, TYPED_CLAIM);
    expect(field(detail, 'claim.billingNpi').status).toBe('confident');
    expect(field(detail, 'claim.line.npi', 1).status).toBe('invalid');
    // The engine's reading of the rendered values gave way to the values themselves.
    const words = detail.pages[0]?.words ?? [];
    const nameWords = field(detail, 'claim.patientName').sourceWordIds.map((id) => words.find((w) => w.id === id));
    expect(nameWords.every((w) => w?.confidence === 100)).toBe(true);
    expect(words.filter((w) => w.text === 'SPRINGFIELD')).toHaveLength(1);
  });
});
