import { describe, expect, it } from 'vitest';
import type { Word } from '../../../../app/model/document';
import { CMS1500_TEMPLATE } from '../../../../app/templates/cms1500';
import { formFields, registerDocument } from '../../../../app/templates/read-form';
import { registerByValues } from '../../../../app/templates/register-by-values';
import { applyTransform } from '../../../../app/templates/transform';

/**
 * A fax of a red-printed CMS-1500 keeps the values and loses the form. These pages are built
 * from words placed by hand, as a billing program prints them (each value from its box's first
 * print column), with not one word of the form's printing: the page must be found by where its
 * values sit, and nothing read that way may pass for confirmed. tests/bench/forms.bench.ts
 * measures it on rendered faxes.
 */

/** Fax scale (204 dpi against the template's 300) and where the sheet sat: a misfeed and a margin. */
const SCALE = 204 / 300;
const OFFSET = { x: -50, y: 15 };
const PAGE = { width: 1734, height: 2244 };

const CLAIM: ReadonlyArray<readonly [string, number | null, string]> = [
  ['claim.payerName', null, 'NOVITAS SOLUTIONS'],
  ['claim.payerAddress', null, 'PO BOX 38155'],
  ['claim.insuredId', null, '5P61Q67MX68'],
  ['claim.patientName', null, 'THOMPSON, AISHA'],
  ['claim.patientDob', null, '11 25 1986'],
  ['claim.insuredName', null, 'THOMPSON, AISHA'],
  ['claim.patientAddress', null, '95247 OLD COUNTY ROAD'],
  ['claim.insuredAddress', null, '95247 OLD COUNTY ROAD'],
  ['claim.patientCity', null, 'MONTGOMERY'],
  ['claim.patientState', null, 'AL'],
  ['claim.patientZip', null, '36121'],
  ['claim.insuredCity', null, 'MONTGOMERY'],
  ['claim.insuredZip', null, '36121'],
  ['claim.groupNumber', null, 'NONE'],
  ['claim.insuredDob', null, '11 25 1986'],
  ['claim.diagnosis', 0, 'H10.11'],
  ['claim.diagnosis', 1, 'J45.909'],
  ['claim.line.dateFrom', 1, '01 08 26'],
  ['claim.line.dateTo', 1, '01 08 26'],
  ['claim.line.pos', 1, '11'],
  ['claim.line.procedure', 1, '99213'],
  ['claim.line.pointer', 1, 'A'],
  ['claim.line.charges', 1, '125 00'],
  ['claim.line.units', 1, '1'],
  ['claim.line.npi', 1, '1098850849'],
  ['claim.line.dateFrom', 2, '01 08 26'],
  ['claim.line.procedure', 2, '85025'],
  ['claim.line.charges', 2, '154 50'],
  ['claim.line.npi', 2, '1098850849'],
  ['claim.taxId', null, '703799253'],
  ['claim.accountNumber', null, 'A62491'],
  ['claim.totalCharge', null, '279 50'],
  ['claim.billingProvider', null, 'SPRINGFIELD CLINIC'],
  ['claim.billingAddress', null, '12 MAIN STREET'],
  ['claim.billingCityStateZip', null, 'MONTGOMERY AL 36121'],
  ['claim.billingNpi', null, '1098850849'],
];

let nextId = 0;
const toPage = (x: number, y: number) => applyTransform([SCALE, 0, SCALE * OFFSET.x, 0, SCALE, SCALE * OFFSET.y, 0, 0, 1], { x, y });

function valueWords(claim: typeof CLAIM): Word[] {
  return claim.flatMap(([field, index, text]) => {
    const zone = CMS1500_TEMPLATE.zones.find((z) => z.field === field && (z.index ?? null) === index);
    if (!zone) throw new Error(`no zone ${field}`);
    let x = zone.box.x + 3;
    return text.split(' ').map((token) => {
      const a = toPage(x, zone.box.y + 12);
      const b = toPage(x + token.length * 30 - 6, zone.box.y + 46);
      x += (token.length + 1) * 30;
      nextId += 1;
      return { id: `v${nextId}`, pageIndex: 0, line: 0, text: token, ocrText: token, confidence: 92, box: { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y }, edited: false };
    });
  });
}

describe('registerByValues', () => {
  it('places a fax that shows only the values where the sheet sat', () => {
    const outcome = registerByValues(valueWords(CLAIM), PAGE, CMS1500_TEMPLATE);
    expect(outcome.registered).toBe(true);
    if (!outcome.registered) return;
    expect(outcome.registration.model).toBe('values');
    const origin = applyTransform(outcome.registration.transform, { x: 0, y: 0 });
    expect(Math.abs(origin.x / SCALE - OFFSET.x)).toBeLessThan(16);
    expect(Math.abs(origin.y / SCALE - OFFSET.y)).toBeLessThan(16);
  });

  it('reads each value into its own box, and none of them as confirmed', () => {
    const words = valueWords(CLAIM);
    const reading = registerDocument(words, [{ index: 0, ...PAGE }], [CMS1500_TEMPLATE], null);
    expect(reading?.pages[0]?.registration.model).toBe('values');
    const fields = formFields(words, reading!);
    const raw = (name: string, index: number | null = null) => fields.find((f) => f.name === name && f.index === index)?.raw;
    expect(raw('claim.patientName')).toBe('THOMPSON, AISHA');
    expect(raw('claim.patientDob')).toBe('11 25 1986');
    expect(raw('claim.line.procedure', 2)).toBe('85025');
    expect(raw('claim.billingNpi')).toBe('1098850849');
    const read = fields.filter((f) => f.raw !== null);
    expect(read.length).toBeGreaterThanOrEqual(CLAIM.length - 2);
    expect(read.every((f) => f.findings.some((x) => x.code === 'template.values_only'))).toBe(true);
  });

  it('does not find the form in a letter’s lines of prose, or in a handful of values', () => {
    const prose = 'Dear Dr Lee we write about the account of our patient seen on 03 14 2026 for the visit and the balance of 125 00 that remains'.split(' ');
    const letter: Word[] = [];
    for (let line = 0; line < 30; line += 1) {
      let x = 220;
      prose.forEach((token, k) => {
        if ((k + line) % 3 === 0) return;
        const a = toPage(x, 500 + line * 80);
        letter.push({ id: `l${line}-${k}`, pageIndex: 0, line, text: token, ocrText: token, confidence: 90, box: { x: a.x, y: a.y, width: token.length * 17, height: 28 }, edited: false });
        x += (token.length + 1) * 26;
      });
    }
    expect(registerByValues(letter, PAGE, CMS1500_TEMPLATE).registered).toBe(false);
    expect(registerByValues(valueWords(CLAIM.slice(0, 8)), PAGE, CMS1500_TEMPLATE).registered).toBe(false);
  });
});
