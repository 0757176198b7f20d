import { describe, expect, it } from 'vitest';
import type { Word } from '../../../../app/model/document';
import { CMS1500_TEMPLATE } from '../../../../app/templates/cms1500';
import { columnX, lineTop } from '../../../../app/templates/print-grid';
import { registerPage } from '../../../../app/templates/register';
import { formFields, registerDocument } from '../../../../app/templates/read-form';
import { applyTransform, fitHomography, type Matrix3 } from '../../../../app/templates/transform';

/**
 * Registration and zonal reading on words placed by hand: the form's labels where the form
 * prints them and values on the print grid, then carried onto a page by a known transform (a
 * scan's scale and tilt, a phone's perspective). The engine plays no part here, so each test
 * says exactly what geometry Folio recovers; tests/integration/forms reads rendered pages.
 */

let nextId = 0;

function word(text: string, x: number, y: number, width: number, height: number, page: Matrix3, confidence = 95): Word {
  const corners = [
    applyTransform(page, { x, y }),
    applyTransform(page, { x: x + width, y }),
    applyTransform(page, { x, y: y + height }),
    applyTransform(page, { x: x + width, y: y + height }),
  ];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  nextId += 1;
  return {
    id: `w${nextId}`,
    pageIndex: 0,
    line: Math.round(y / 50),
    text,
    ocrText: text,
    confidence,
    box: { x: left, y: top, width: Math.max(...xs) - left, height: Math.max(...ys) - top },
    edited: false,
  };
}

/** Every printed label, word by word, at 14 units a character, as the form prints it. */
function formWords(page: Matrix3): Word[] {
  return CMS1500_TEMPLATE.printed.flatMap((printed) => {
    let x = printed.box.x;
    return printed.text.split(' ').map((token) => {
      const w = word(token, x, printed.box.y, token.length * 14, printed.box.height, page);
      x += (token.length + 1) * 14;
      return w;
    });
  });
}

/** A value printed by a billing program at (line, column), 10 characters per inch. */
function printed(text: string, line: number, column: number, page: Matrix3, shift = { dx: 0, dy: 0 }): Word[] {
  let x = columnX(column) + shift.dx;
  return text.split(' ').map((token) => {
    const w = word(token, x + 2, lineTop(line) + 12 + shift.dy, token.length * 30 - 4, 34, page);
    x += (token.length + 1) * 30;
    return w;
  });
}

function claimValues(page: Matrix3, shift = { dx: 0, dy: 0 }): Word[] {
  return [
    ...printed('XYZ123456789', 8, 50, page, shift),
    ...printed('DOE, JANE, Q', 10, 1, page, shift),
    ...printed('03 07 1985', 10, 31, page, shift),
    ...printed('X', 10, 47, page, shift),
    ...printed('12 MAIN STREET', 12, 1, page, shift),
    ...printed('J45.909', 38, 3, page, shift),
    ...printed('E11.9', 38, 16, page, shift),
    ...printed('03 02 26 03 02 26 11', 44, 1, page, shift),
    ...printed('99213', 44, 25, page, shift),
    ...printed('AB', 44, 45, page, shift),
    ...printed('125 00', 44, 52, page, shift),
    ...printed('1', 44, 59, page, shift),
    ...printed('1234567893', 44, 68, page, shift),
    ...printed('123456789', 56, 1, page, shift),
    ...printed('125 00', 56, 53, page, shift),
    ...printed('SPRINGFIELD CLINIC', 58, 50, page, shift),
    ...printed('1234567893', 61, 50, page, shift),
  ];
}

const SCAN: Matrix3 = (() => {
  // 200 dpi scan (scale 2/3), tilted 1.2°, 40 px in from the left and 25 px down.
  const s = 2 / 3;
  const a = (1.2 * Math.PI) / 180;
  return [s * Math.cos(a), -s * Math.sin(a), 40, s * Math.sin(a), s * Math.cos(a), 25, 0, 0, 1];
})();

const PAGE = { width: 1700, height: 2200 };

function value(fields: ReturnType<typeof formFields>, name: string, index: number | null = null): string | null | undefined {
  return fields.find((f) => f.name === name && f.index === index)?.raw;
}

describe('registerPage', () => {
  it('finds the form on a scaled, tilted scan and places its labels within a fraction of a line', () => {
    const outcome = registerPage([...formWords(SCAN), ...claimValues(SCAN)], PAGE, CMS1500_TEMPLATE);
    expect(outcome.registered).toBe(true);
    if (!outcome.registered) return;
    expect(outcome.registration.anchorsFound).toBeGreaterThan(30);
    expect(outcome.registration.residual).toBeLessThan(3);
    const corner = applyTransform(outcome.registration.transform, { x: 2550, y: 3300 });
    const truth = applyTransform(SCAN, { x: 2550, y: 3300 });
    expect(Math.hypot(corner.x - truth.x, corner.y - truth.y)).toBeLessThan(3);
  });

  it('fits a phone photo’s perspective with a homography', () => {
    const photo = fitHomography([
      { from: { x: 0, y: 0 }, to: { x: 120, y: 90 } },
      { from: { x: 2550, y: 0 }, to: { x: 1880, y: 140 } },
      { from: { x: 0, y: 3300 }, to: { x: 60, y: 2380 } },
      { from: { x: 2550, y: 3300 }, to: { x: 1960, y: 2300 } },
    ]);
    expect(photo).not.toBeNull();
    const outcome = registerPage([...formWords(photo!), ...claimValues(photo!)], { width: 2048, height: 2560 }, CMS1500_TEMPLATE);
    expect(outcome.registered).toBe(true);
    if (!outcome.registered) return;
    expect(outcome.registration.model).toBe('homography');
    const p = applyTransform(outcome.registration.transform, { x: 1500, y: 2800 });
    const q = applyTransform(photo!, { x: 1500, y: 2800 });
    expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeLessThan(3);
  });

  it('says in words that a page without the form’s printing is not this form', () => {
    const letter = ['Dear', 'Sir,', 'please', 'find', 'the', 'invoice', 'attached', 'for', 'services', 'rendered'].map((t, i) =>
      word(t, 200 + (i % 5) * 300, 400 + Math.floor(i / 5) * 60, t.length * 25, 40, SCAN),
    );
    const outcome = registerPage(letter, PAGE, CMS1500_TEMPLATE);
    expect(outcome.registered).toBe(false);
    if (outcome.registered) return;
    expect(outcome.reason).toMatch(/labels/);
  });
});

describe('formFields', () => {
  it('reads each box on its own: values, not the labels beside them', () => {
    const words = [...formWords(SCAN), ...claimValues(SCAN)];
    const reading = registerDocument(words, [{ index: 0, ...PAGE }], [CMS1500_TEMPLATE], null);
    expect(reading).not.toBeNull();
    const fields = formFields(words, reading!);
    expect(value(fields, 'claim.insuredId')).toBe('XYZ123456789');
    expect(value(fields, 'claim.patientName')).toBe('DOE, JANE, Q');
    expect(value(fields, 'claim.patientDob')).toBe('03 07 1985');
    expect(value(fields, 'claim.patientSex')).toBe('F');
    expect(value(fields, 'claim.diagnosis', 0)).toBe('J45.909');
    expect(value(fields, 'claim.diagnosis', 1)).toBe('E11.9');
    expect(value(fields, 'claim.line.dateFrom', 1)).toBe('03 02 26');
    expect(value(fields, 'claim.line.dateTo', 1)).toBe('03 02 26');
    expect(value(fields, 'claim.line.pos', 1)).toBe('11');
    expect(value(fields, 'claim.line.procedure', 1)).toBe('99213');
    expect(value(fields, 'claim.line.charges', 1)).toBe('125 00');
    expect(value(fields, 'claim.line.npi', 1)).toBe('1234567893');
    expect(value(fields, 'claim.totalCharge')).toBe('125 00');
    expect(value(fields, 'claim.billingProvider')).toBe('SPRINGFIELD CLINIC');
    expect(value(fields, 'claim.billingNpi')).toBe('1234567893');
    // No label word became a value anywhere.
    const labelWords = new Set(CMS1500_TEMPLATE.printed.flatMap((p) => p.text.split(' ')).filter((t) => /[A-Za-z]{2,}/.test(t)));
    const checkboxes = new Set(CMS1500_TEMPLATE.zones.filter((z) => z.type === 'checkbox').map((z) => z.field));
    expect(fields.filter((f) => f.raw !== null && !checkboxes.has(f.name) && f.raw.split(' ').every((t) => labelWords.has(t)))).toEqual([]);
  });

  it('reads a misfed sheet printed three characters right and a third of a line low', () => {
    const words = [...formWords(SCAN), ...claimValues(SCAN, { dx: 90, dy: 16 })];
    const reading = registerDocument(words, [{ index: 0, ...PAGE }], [CMS1500_TEMPLATE], null);
    const fields = formFields(words, reading!);
    expect(value(fields, 'claim.patientName')).toBe('DOE, JANE, Q');
    expect(value(fields, 'claim.patientDob')).toBe('03 07 1985');
    expect(value(fields, 'claim.line.procedure', 1)).toBe('99213');
    expect(value(fields, 'claim.totalCharge')).toBe('125 00');
  });

  it('puts right what only one reading allows, and never trusts a value that ends in a stray mark', () => {
    const words = [
      ...formWords(SCAN),
      ...printed('ORTIZ -LEE, WEI, 0', 10, 1, SCAN),
      ...printed('__03 07 1985—', 10, 29, SCAN),
      ...printed('12 MAIN STREET,', 12, 1, SCAN),
      // A misfed first service line starts left of its box, beside the form's printed "1".
      ...printed('03 02 26 03 02 26 11', 44, 1, SCAN, { dx: -45, dy: 0 }),
    ];
    const reading = registerDocument(words, [{ index: 0, ...PAGE }], [CMS1500_TEMPLATE], null);
    const fields = formFields(words, reading!);
    const field = (name: string, index: number | null = null) => fields.find((f) => f.name === name && f.index === index);
    expect(field('claim.patientName')?.normalized).toBe('ORTIZ-LEE, WEI, O');
    expect(field('claim.patientName')?.findings).toEqual([]);
    expect(field('claim.patientDob')?.raw).toBe('03 07 1985');
    expect(field('claim.patientAddress')?.findings.map((f) => f.code)).toContain('template.stray_mark');
    expect(field('claim.line.dateFrom', 1)?.raw).toBe('03 02 26');
    expect(fields.filter((f) => f.name === 'claim.line.supplemental' && f.raw !== null)).toEqual([]);
  });

  it('takes a signature box’s set phrase as it when a glyph was misread, and never trusts part of it', () => {
    const words = [...formWords(SCAN), ...printed('SIGNATURE ON FlLE', 29, 7, SCAN), ...printed('ON FILE', 60, 1, SCAN), ...printed('SIGNATURE_ON FILE', 29, 55, SCAN)];
    const reading = registerDocument(words, [{ index: 0, ...PAGE }], [CMS1500_TEMPLATE], null);
    const fields = formFields(words, reading!);
    const field = (name: string) => fields.find((f) => f.name === name);
    expect(field('claim.patientSignature')?.normalized).toBe('SIGNATURE ON FILE');
    expect(field('claim.patientSignature')?.findings.map((f) => f.code)).toEqual(['template.phrase_read']);
    expect(field('claim.insuredSignature')?.normalized).toBe('SIGNATURE ON FILE');
    expect(field('claim.insuredSignature')?.findings).toEqual([]);
    expect(field('claim.physicianSignature')?.findings.map((f) => f.code)).toEqual(['template.phrase_part']);
  });

  it('shows an empty required box as missing, where the box is', () => {
    const words = formWords(SCAN);
    const reading = registerDocument(words, [{ index: 0, ...PAGE }], [CMS1500_TEMPLATE], null);
    const fields = formFields(words, reading!);
    expect(fields.every((f) => f.raw === null && f.status === 'missing')).toBe(true);
    const name = fields.find((f) => f.name === 'claim.patientName');
    expect(name?.region?.box.x).toBeGreaterThan(0);
    expect(fields.some((f) => f.name === 'claim.billingNpi')).toBe(true);
  });
});
