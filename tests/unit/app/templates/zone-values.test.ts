import { describe, expect, it } from 'vitest';
import type { Word } from '../../../../app/model/document';
import type { Registration } from '../../../../app/templates/register';
import type { FormTemplate } from '../../../../app/templates/template';
import { templateFields } from '../../../../app/templates/template-fields';

/**
 * Values of a site's own form, whose zones carry names Folio has no validator for: the zone's
 * type is all that checks them. A date box's reading with a month of 94 (Tesseract's reading of
 * "04" in a monospaced font) is not a date; an underline's ink read onto a value's first letter
 * is not part of it.
 */
const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1] as Registration['transform'];

const template: FormTemplate = {
  id: 'site.request',
  name: 'Request',
  kind: 'other',
  size: { width: 2550, height: 3300 },
  printed: [],
  zones: [
    { field: 'auth.line.start', index: 0, box: { x: 100, y: 100, width: 480, height: 80 }, type: 'date', required: false },
    { field: 'auth.line.end', index: 0, box: { x: 700, y: 100, width: 480, height: 80 }, type: 'date', required: false },
    { field: 'pharmacy.name', index: null, box: { x: 100, y: 300, width: 1000, height: 80 }, type: 'text', required: false },
  ],
};

const registration: Registration = {
  templateId: template.id,
  transform: IDENTITY,
  inverse: IDENTITY,
  model: 'affine',
  anchorsFound: 20,
  anchorsTotal: 20,
  residual: 1,
  anchorWordIds: [],
};

function word(text: string, x: number, y: number, width: number): Word {
  return { id: `${x}-${y}`, pageIndex: 0, line: y, text, ocrText: text, confidence: 96, box: { x, y, width, height: 40 }, edited: false };
}

function fields(words: Word[]) {
  return templateFields(words, 0, registration, template);
}

describe('values in a site form’s boxes', () => {
  it('holds a date box to a calendar date, month and day in range either way round', () => {
    const read = fields([word('94/07/2026', 120, 120, 300), word('13/10/2026', 720, 120, 300)]);
    expect(read.find((f) => f.name === 'auth.line.start')?.findings.map((f) => f.code)).toContain('template.shape');
    expect(read.find((f) => f.name === 'auth.line.end')?.findings.map((f) => f.code)).not.toContain('template.shape');
  });

  it('drops an underline read onto the start of a value', () => {
    const read = fields([word('_Prairie', 120, 320, 200), word('Rx', 340, 320, 60)]);
    expect(read.find((f) => f.name === 'pharmacy.name')?.raw).toBe('Prairie Rx');
  });
});
