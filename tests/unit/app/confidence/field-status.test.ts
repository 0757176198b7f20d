import { describe, expect, it } from 'vitest';
import type { Word } from '../../../../app/model/document';
import type { Field } from '../../../../app/model/field';
import {
  MAX_CONFIDENT_AMBIGUITY,
  MIN_WORD_CONFIDENCE,
  MIN_WORD_CONFIDENCE_CHECKSUMMED,
  scoreField,
  statusCounts,
} from '../../../../app/confidence/field-status';

const word = (id: string, confidence: number, edited = false): Word => ({
  id, pageIndex: 0, line: 0, text: 'x', ocrText: 'x', confidence, edited, box: { x: 0, y: 0, width: 1, height: 1 },
});
const field = (over: Partial<Field> = {}): Field => ({
  name: 'patient.name', index: null, raw: 'x', normalized: 'x', description: null, region: null,
  sourceWordIds: ['a'], ambiguity: 0, status: 'check', findings: [], ...over,
});
const words = (...ws: Word[]): Map<string, Word> => new Map(ws.map((w) => [w.id, w]));

describe('field status', () => {
  it('is confident only with clear words, no ambiguity and no findings', () => {
    expect(scoreField(field(), words(word('a', 96))).status).toBe('confident');
    expect(scoreField(field(), words(word('a', MIN_WORD_CONFIDENCE - 1))).status).toBe('check');
    expect(scoreField(field({ ambiguity: MAX_CONFIDENT_AMBIGUITY + 0.01 }), words(word('a', 99))).status).toBe('check');
    expect(scoreField(field({ findings: [{ code: 'x', severity: 'warning', message: 'm' }] }), words(word('a', 99))).status).toBe('check');
    expect(scoreField(field({ findings: [{ code: 'x', severity: 'info', message: 'm' }] }), words(word('a', 99))).status).toBe('confident');
  });

  it('is invalid on any error, missing without a value', () => {
    expect(scoreField(field({ findings: [{ code: 'x', severity: 'error', message: 'm' }] }), words(word('a', 99))).status).toBe('invalid');
    expect(scoreField(field({ raw: null }), words()).status).toBe('missing');
    expect(scoreField(field({ sourceWordIds: ['gone'] }), words()).status).toBe('check');
  });

  it('judges a cell shown blank on purpose by the words it was derived from, and flags an unread one', () => {
    const blank = field({ name: 'lab.row.flag', raw: null, normalized: '', sourceWordIds: ['a', 'b'] });
    expect(scoreField(blank, words(word('a', 96), word('b', 95))).status).toBe('confident');
    expect(scoreField(blank, words(word('a', 96), word('b', 40))).status).toBe('check');
    const unread = field({ name: 'lab.row.flag', raw: null, normalized: 'H', sourceWordIds: [], findings: [{ code: 'x', severity: 'warning', message: 'm' }] });
    expect(scoreField(unread, words()).status).toBe('check');
  });

  it('trusts a passing check digit with less certain glyphs', () => {
    const conf = MIN_WORD_CONFIDENCE_CHECKSUMMED + 1;
    expect(scoreField(field({ name: 'prescriber.npi' }), words(word('a', conf))).status).toBe('confident');
    expect(scoreField(field({ name: 'patient.name' }), words(word('a', conf))).status).toBe('check');
  });

  it('treats words the person edited as certain', () => {
    expect(scoreField(field(), words(word('a', 10, true))).status).toBe('confident');
  });

  it('checks a field whose mean confidence is low even if no single word is very low', () => {
    const f = field({ sourceWordIds: ['a', 'b', 'c'] });
    expect(scoreField(f, words(word('a', 86), word('b', 86), word('c', 86))).status).toBe('check');
    expect(scoreField(f, words(word('a', 86), word('b', 99), word('c', 99))).status).toBe('confident');
  });

  it('orders scores by evidence and counts statuses', () => {
    const hi = scoreField(field(), words(word('a', 99))).score;
    const lo = scoreField(field({ ambiguity: 0.5 }), words(word('a', 99))).score;
    expect(hi).toBeGreaterThan(lo);
    expect(statusCounts([field({ status: 'confident' }), field({ status: 'missing' }), field({ status: 'missing' })])).toEqual({
      confident: 1, check: 0, invalid: 0, missing: 2, confirmed: 0, blank: 0,
    });
  });
});
