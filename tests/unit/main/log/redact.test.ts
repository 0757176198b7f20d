import { describe, expect, it } from 'vitest';
import { redactValue } from '../../../../main/log/redact';

describe('log redaction', () => {
  it('removes paths, long digit runs, e-mail addresses and quoted values', () => {
    const out = JSON.stringify(
      redactValue({
        note: 'failed reading /home/ana/scans/Jane Doe.png for NPI 1234567893 dob 03/02/1961',
        mail: 'jane.doe@example.org',
        quoted: 'value "Amoxicillin 500 mg" rejected',
      }),
    );
    expect(out).not.toMatch(/1234567893|03\/02\/1961|\/home\/ana|jane\.doe@|Amoxicillin/);
  });

  it('keeps an error to its name and code, dropping the message that may quote a value', () => {
    const error = Object.assign(new Error('cannot open /data/Jane Doe.tif'), { code: 'ENOENT' });
    expect(redactValue(error)).toBe('Error(ENOENT)');
  });

  it('keeps numbers, booleans and short codes readable', () => {
    expect(redactValue({ pages: 3, ok: true, code: 'ocr_failed' })).toEqual({ pages: 3, ok: true, code: 'ocr_failed' });
  });
});
