import type { Word } from '../../app/model/document';
import { registerPage, type Registration } from '../../app/templates/register';
import { registerByValues } from '../../app/templates/register-by-values';
import { isSiteTemplateId } from '../../app/templates/site-templates';
import type { FormTemplate, Zone } from '../../app/templates/template';
import { assignZoneWords, zoneOnPage, type ZoneAssignment } from '../../app/templates/zone-words';
import type { GreyRaster } from '../imaging/grey-raster';
import { inkIn, readZoneMosaic, uncoveredInk, type ZoneCut } from './zone-mosaic';
import { PRINT_GRID } from '../../app/templates/print-grid';
import { checkboxMarks } from '../imaging/checkbox-marks';
import { dropFormInk } from '../imaging/form-dropout';
import type { OcrEngine, OcrWord } from './engine';
import { recognizeDisplayedPage } from './recognize-page';

/**
 * The second reading of a page that registers to a known form: the form's own ink is dropped
 * and the engine reads what is left, text wherever it stands. The page keeps the first
 * reading's words of the form's printing (for the Text tab, search and registration) and takes
 * the second reading's words for everything filled in. A page that registers to no template
 * keeps its first reading untouched.
 */

/** Stands in a value for ink no reading could make out. */
const UNREAD = '?';
/** What an engine makes of a lone check mark. */
const CHECK_MARK = /^[xX×✓✔✗✘kK]{1,2}$/;

export interface FormPageReading {
  words: OcrWord[];
  templateId: string;
}

function asWords(words: readonly OcrWord[]): Word[] {
  return words.map((w, i) => ({ id: String(i), pageIndex: 0, line: w.line, text: w.text, ocrText: w.text, confidence: w.confidence, box: w.box, edited: false }));
}

export function bestRegistration(
  words: readonly Word[],
  page: { width: number; height: number },
  templates: readonly FormTemplate[],
): { template: FormTemplate; registration: Registration } | null {
  let best: { template: FormTemplate; registration: Registration } | null = null;
  for (const template of templates) {
    const outcome = registerPage(words, page, template);
    if (outcome.registered && (!best || outcome.registration.anchorsFound > best.registration.anchorsFound)) {
      best = { template, registration: outcome.registration };
    }
  }
  if (best) return best;
  // A fax of a red form: no label survives, but the values still sit in the form's boxes.
  for (const template of templates) {
    if (isSiteTemplateId(template.id)) continue;
    const outcome = registerByValues(words, page, template);
    if (outcome.registered) return { template, registration: outcome.registration };
  }
  return null;
}

/** Share of `a`'s area that `b` covers. */
function overlapShare(a: OcrWord['box'], b: OcrWord['box']): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? (w * h) / Math.max(1, a.width * a.height) : 0;
}

/** Boxes whose values are digits (and their separators) are read with these characters only. */
const DIGIT_CHARACTERS = '0123456789 ./$,()-';
const DIGIT_TYPES = new Set<Zone['type']>(['digits', 'date', 'money']);
/** Ink pixels (per 1,000 of the box) below which a box counts as empty: specks, a rule's remains. */
const INK_PER_MILLE = 6;

export async function readFormPage(
  engine: OcrEngine,
  page: { image: Buffer; dpi: number; width: number; height: number },
  firstReading: readonly OcrWord[],
  templates: readonly FormTemplate[],
  signal?: AbortSignal,
): Promise<FormPageReading | null> {
  if (templates.length === 0 || page.width === 0) return null;
  const first = asWords(firstReading);
  const found = bestRegistration(first, page, templates);
  if (!found) return null;
  const { registration, template } = found;
  const dropped = await dropFormInk(page.image, registration, template);
  const second = await recognizeDisplayedPage(engine, { image: dropped.image, dpi: page.dpi }, { signal, layout: 'sparse', detectOrientation: false });
  // Marks are measured, not read: the engine's own reading of a lone X is set aside.
  const values = second.words.filter((w) => !CHECK_MARK.test(w.text));
  // Where the values sit is judged on the cleaner, second reading.
  const assignment = assignZoneWords(asWords(values), registration, template);
  const { shift } = assignment;
  const printed = firstReading.filter((_, i) => assignZoneWords(first, registration, template, shift).printedWordIds.has(String(i)));
  const marks = checkboxMarks(dropped.raster, registration, template, shift);
  // A box's cut can hold ink the second reading did read, placed in the box beside it: that
  // ink is not read twice.
  const zonal = (await readEmptyBoxes(engine, dropped.raster, page.dpi, registration, template, assignment, signal)).filter(
    (word) => !values.some((value) => overlapShare(word.box, value.box) > 0.15),
  );
  // The readings number their lines separately; each goes after the one before.
  let line = 0;
  const renumber = (words: readonly OcrWord[]): OcrWord[] => {
    const base = line;
    line = base + words.reduce((most, w) => Math.max(most, w.line), -1) + 1;
    return words.map((w) => ({ ...w, line: w.line + base }));
  };
  return {
    words: [...renumber(printed), ...renumber(values), ...renumber(zonal), ...marks.map((w) => ({ ...w, line }))],
    templateId: template.id,
  };
}

/** The boxes with ink that no word of the second reading landed in, read one by one (in one run). */
async function readEmptyBoxes(
  engine: OcrEngine,
  raster: GreyRaster,
  dpi: number,
  registration: Registration,
  template: FormTemplate,
  assignment: ZoneAssignment,
  signal?: AbortSignal,
): Promise<OcrWord[]> {
  const cuts: Array<ZoneCut & { digits: boolean }> = [];
  const character = PRINT_GRID.columnWidth * Math.hypot(registration.transform[0], registration.transform[3]);
  assignment.zones.forEach((entry, i) => {
    if (entry.zone.type === 'checkbox') return;
    const rect = zoneOnPage(entry.zone, registration, assignment.shift);
    const digits = DIGIT_TYPES.has(entry.zone.type);
    if (entry.words.length > 0) {
      // Ink in a read box that no word covers: the engine dropped part of the value.
      uncoveredInk(raster, rect, entry.words.map((w) => w.box), character).forEach((gap, k) => cuts.push({ key: `${i}:${k}`, rect: gap, digits }));
      return;
    }
    // Ink is looked for away from the box's edges, where rules and their remains lie.
    const inner = { x: rect.x + rect.width * 0.1, y: rect.y + rect.height * 0.2, width: rect.width * 0.8, height: rect.height * 0.6 };
    if (inkIn(raster, inner) * 1000 < INK_PER_MILLE * inner.width * inner.height) return;
    cuts.push({ key: String(i), rect, digits });
  });
  const words: OcrWord[] = [];
  for (const digits of [true, false]) {
    const group = cuts.filter((c) => c.digits === digits);
    if (group.length === 0) continue;
    const read = await readZoneMosaic(engine, raster, group, dpi, { signal, ...(digits ? { characters: DIGIT_CHARACTERS } : {}) });
    for (const cut of group) {
      const found = read.get(cut.key) ?? [];
      words.push(...found.map((w, k) => ({ ...w, line: k })));
      // Ink beside a value that nothing could read stays in it as an unread mark, so the
      // value can never pass for complete.
      if (found.length === 0 && cut.key.includes(':')) words.push({ text: UNREAD, confidence: 0, box: cut.rect, line: 0 });
    }
  }
  return words;
}
