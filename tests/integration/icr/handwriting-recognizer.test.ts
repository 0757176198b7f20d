import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinMedications } from '../../../app/formulary/formulary';
import { HandwritingRecognizer } from '../../../main/icr/handwriting-recognizer';
import { HANDWRITING_STYLES, lineContent, renderHandwrittenLine } from '../../fixtures/handwriting/handwritten-lines';
import { handwritingFontsInstalled } from '../../fixtures/documents/render-document';
import { characterErrorRate } from '../../fixtures/scans/known-text';

/**
 * The real recogniser (PP-OCRv4 through onnxruntime, in its worker thread) on handwritten lines
 * of known text. Case is folded for the free-text bound: Humor Sans writes every letter as a capital.
 */
describe('handwriting recogniser on written lines', () => {
  const recognizer = HandwritingRecognizer.open(() => builtinMedications().flatMap((m) => [m.generic, ...m.brands]));
  afterAll(() => recognizer.close());

  it('has the handwriting fonts the lines are written in', () => {
    expect(handwritingFontsInstalled()).toBe(true);
  });

  it('reads clean written lines back in every style with few character errors', async () => {
    const errors: number[] = [];
    for (const style of HANDWRITING_STYLES) {
      for (const seed of [1, 3, 5]) {
        const content = lineContent(seed);
        const png = await renderHandwrittenLine(content.text, style, seed, 'clean');
        const reading = await recognizer.readImage(png);
        errors.push(characterErrorRate(content.text.toLowerCase(), reading.text.toLowerCase()));
        expect(reading.characters.length).toBeGreaterThan(0);
      }
    }
    const mean = errors.reduce((sum, e) => sum + e, 0) / errors.length;
    expect(mean).toBeLessThan(0.15);
  });

  it('still reads a scanned (blurred, noisy, JPEG) line mostly right', async () => {
    const content = { text: 'take one capsule twice a day' };
    const png = await renderHandwrittenLine(content.text, HANDWRITING_STYLES[1], 7, 'degraded');
    const reading = await recognizer.readImage(png);
    expect(characterErrorRate(content.text, reading.text.toLowerCase())).toBeLessThan(0.25);
  });

  it('reads an NPI, a date and a DEA number exactly when told what the box holds', async () => {
    const cases = [
      { text: '1245319599', field: 'npi' as const },
      { text: '03/11/2024', field: 'date' as const },
      { text: 'BM6125341', field: 'dea' as const },
    ];
    for (const { text, field } of cases) {
      const png = await renderHandwrittenLine(text, HANDWRITING_STYLES[1], 9, 'clean');
      const reading = await recognizer.readImage(png, { field });
      expect(reading.text).toBe(text);
      expect(reading.confidence).toBeGreaterThan(50);
    }
  });

  it('names the written drug from the formulary, with up to three candidates and a margin', async () => {
    const png = await renderHandwrittenLine('metformin', HANDWRITING_STYLES[2], 11, 'degraded');
    const reading = await recognizer.readImage(png, { field: 'drug' });
    expect(reading.text).toBe('metformin');
    expect(reading.candidates.length).toBeGreaterThan(0);
    expect(reading.candidates.length).toBeLessThanOrEqual(3);
    expect(reading.candidates[0]?.margin).toBeGreaterThan(0);
  });

  it('gives a blank strip of paper nothing to read', async () => {
    const png = await sharp({ create: { width: 600, height: 90, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const reading = await recognizer.readImage(png);
    expect(reading.text).toBe('');
  });
});
