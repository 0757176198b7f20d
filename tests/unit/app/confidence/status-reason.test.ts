import { describe, expect, it } from 'vitest';
import type { Word } from '../../../../app/model/document';
import type { ReviewField } from '../../../../app/model/field';
import { statusReasons } from '../../../../app/confidence/status-reason';
import { personConfirmedStatus } from '../../../../app/confidence/person-edits';

const word = (id: string, confidence: number): Word => ({
  id, pageIndex: 0, line: 0, text: 'x', ocrText: 'x', confidence, edited: false, box: { x: 0, y: 0, width: 1, height: 1 },
});
const field = (over: Partial<ReviewField> = {}): ReviewField => ({
  id: 'patient.name', name: 'patient.name', index: null, raw: 'x', normalized: 'x', description: null, region: null,
  sourceWordIds: ['a'], ambiguity: 0, status: 'check', findings: [], edited: false, ...over,
});
const words = (...ws: Word[]): Map<string, Word> => new Map(ws.map((w) => [w.id, w]));

describe('why a field is flagged, in words', () => {
  it('names the faint word and the confidence needed', () => {
    expect(statusReasons(field(), words(word('a', 62)))).toEqual([expect.stringMatching(/hard to read \(the faintest word at 62% confidence; 85% is needed\)/)]);
  });

  it('says when more than one value could be this one, or the words were middling', () => {
    expect(statusReasons(field({ ambiguity: 0.6 }), words(word('a', 99)))[0]).toMatch(/More than one value/);
    expect(statusReasons(field({ sourceWordIds: ['a', 'b'] }), words(word('a', 86), word('b', 86)))[0]).toMatch(/middling confidence \(86% on average\)/);
  });

  it('gives a reason for every check, and none where a finding already says it or nothing is flagged', () => {
    expect(statusReasons(field(), words(word('a', 99)))).toHaveLength(1);
    expect(statusReasons(field({ findings: [{ code: 'x', severity: 'warning', message: 'A warning says why.' }] }), words(word('a', 50)))).toEqual([]);
    expect(statusReasons(field({ status: 'confident' }), words(word('a', 99)))).toEqual([]);
    expect(statusReasons(field({ status: 'missing', raw: null }), words())).toEqual(['Not found on the page.']);
  });

  it('keeps a confirmed value confirmed unless a check proves it wrong', () => {
    expect(personConfirmedStatus([{ code: 'x', severity: 'warning', message: 'm' }])).toBe('confirmed');
    expect(personConfirmedStatus([{ code: 'x', severity: 'error', message: 'm' }])).toBe('invalid');
  });
});
