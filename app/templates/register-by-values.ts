import type { Word } from '../model/document';
import type { RegistrationOutcome } from './register';
import type { FormTemplate, Zone, ZoneType } from './template';
import { invertTransform, type Matrix3 } from './transform';

/**
 * Registration by where the values sit, for a page that shows a form's values but not its
 * printing: a fax of a red-printed CMS-1500 loses the red (the form is printed in a dropout
 * colour precisely so that machines see only what was filled in), and with it every label.
 *
 * What is left still has the form's shape: a billing program prints each value in its box, so
 * dates fall in date boxes, ten-digit numbers in NPI boxes, an X in a checkbox, names where
 * names go. The page's scale follows from its size (the form is the whole sheet), and the one
 * unknown, where the sheet sat, is found by trying every offset within reach and keeping the
 * one under which the most words land in boxes of their own kind. A layout that fits a page
 * that well by chance is not found on letters, prescriptions or tables (bench:forms).
 *
 * Values placed this way have no printed label to confirm them, so every one is shown for
 * checking (template-fields.ts): this turns a fax from "nothing read" into "read, check each".
 */

/** Templates with fewer value boxes than this have too little shape to be found by it. */
const MIN_TEMPLATE_ZONES = 40;
/** The page's words that land in boxes of their kind, at the least, and the distinct boxes. */
const MIN_MATCHED_WORDS = 30;
const MIN_MATCHED_ZONES = 20;
/** The placement's score per word considered, at the least: a letter's prose lands badly. */
const MIN_SCORE_PER_WORD = 0.3;
/** The best offset must beat any other placement (a line or a column away) by this factor. */
const MIN_MARGIN = 1.1;
/** How far the sheet may sit from where the form puts it, in reference units (1/300 inch). */
const REACH = { x: 300, y: 250 };
const COARSE_STEP = 10;
const FINE_STEP = 2;
/** A placement landing more than this share of the matched words in other boxes is a rival. */
const RIVAL_MOVED_SHARE = 0.2;
/** A word starting this close (reference units) to its box's left edge starts the box's value. */
const START_TOLERANCE = 15;
const START_BONUS = 0.5;
/** Occupancy map cell, reference units. */
const CELL = 10;
/** The engine's confidence below which a word is left out (specks, rule remains). */
const MIN_WORD_CONFIDENCE = 40;

type WordKind = 'mark' | 'digits' | 'alpha' | 'alnum';

/** How well a word of each kind fits a box of each type (negative: it does not belong there). */
const FIT: Readonly<Record<WordKind, Readonly<Record<ZoneType, number>>>> = {
  mark: { checkbox: 2, name: -0.3, text: -0.3, multiline: -0.3, code: -0.3, date: -0.6, digits: -0.6, money: -0.6 },
  digits: { checkbox: -0.6, name: -0.6, text: 0.4, multiline: 0.4, code: 0.7, date: 1, digits: 1, money: 1 },
  alpha: { checkbox: -0.4, name: 1, text: 1, multiline: 1, code: 0.3, date: -0.8, digits: -0.8, money: -0.8 },
  alnum: { checkbox: -0.6, name: -0.4, text: 0.5, multiline: 0.5, code: 1, date: -0.6, digits: -0.4, money: -0.6 },
};
/** A word in no box at all. */
const OUTSIDE = -0.4;

interface Token {
  /** The word's centre and left edge, in reference units. */
  x: number;
  y: number;
  left: number;
  kind: WordKind;
}

interface Occupancy {
  columns: number;
  rows: number;
  /** Zone index + 1 per cell; 0 where no box is. */
  cells: Int16Array;
  zones: readonly Zone[];
}

function kindOf(text: string): WordKind | null {
  const t = text.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (/^[xX]$/.test(t)) return 'mark';
  if (t.length === 0) return null;
  if (/^[\d.,/-]+$/.test(t)) return /\d/.test(t) ? 'digits' : null;
  if (/^[A-Za-z'-]+$/.test(t)) return t.length >= 2 ? 'alpha' : null;
  return /^[A-Za-z0-9.-]+$/.test(t) ? 'alnum' : null;
}

const occupancyCache = new WeakMap<FormTemplate, Occupancy>();

function occupancyOf(template: FormTemplate): Occupancy {
  const cached = occupancyCache.get(template);
  if (cached) return cached;
  const columns = Math.ceil(template.size.width / CELL);
  const rows = Math.ceil(template.size.height / CELL);
  const cells = new Int16Array(columns * rows);
  const area = new Float64Array(columns * rows);
  template.zones.forEach((zone, i) => {
    const a = zone.box.width * zone.box.height;
    for (let r = Math.max(0, Math.floor(zone.box.y / CELL)); r < Math.min(rows, Math.ceil((zone.box.y + zone.box.height) / CELL)); r += 1) {
      for (let c = Math.max(0, Math.floor(zone.box.x / CELL)); c < Math.min(columns, Math.ceil((zone.box.x + zone.box.width) / CELL)); c += 1) {
        const k = r * columns + c;
        // Where boxes overlap, the smaller (a checkbox inside its question) takes the cell.
        if (cells[k] === 0 || a < area[k]!) {
          cells[k] = i + 1;
          area[k] = a;
        }
      }
    }
  });
  const occupancy = { columns, rows, cells, zones: template.zones };
  occupancyCache.set(template, occupancy);
  return occupancy;
}

interface Placement {
  tx: number;
  ty: number;
  score: number;
  matchedWords: number;
  matchedZones: number;
}

function place(tokens: readonly Token[], occupancy: Occupancy, tx: number, ty: number): Placement {
  let score = 0;
  let matchedWords = 0;
  const zones = new Set<number>();
  for (const token of tokens) {
    const c = Math.floor((token.x - tx) / CELL);
    const r = Math.floor((token.y - ty) / CELL);
    const at = c >= 0 && r >= 0 && c < occupancy.columns && r < occupancy.rows ? occupancy.cells[r * occupancy.columns + c]! : 0;
    if (at === 0) {
      score += OUTSIDE;
      continue;
    }
    const zone = occupancy.zones[at - 1]!;
    const fit = FIT[token.kind][zone.type];
    if (fit <= 0) {
      score += fit;
      continue;
    }
    // A value sits on its line's middle: a placement half a line off scores less.
    const middle = zone.box.y + zone.box.height / 2;
    const off = Math.min(1, Math.abs(token.y - ty - middle) / (zone.box.height / 2));
    score += fit * (1 - 0.3 * off);
    // A billing program starts each value at its box's first print column: boxes are wider than
    // their values, so without this a placement some columns aside fits nearly as well.
    if (Math.abs(token.left - tx - zone.box.x) < START_TOLERANCE) score += START_BONUS;
    matchedWords += 1;
    zones.add(at);
  }
  return { tx, ty, score, matchedWords, matchedZones: zones.size };
}

function search(tokens: readonly Token[], occupancy: Occupancy, around: { tx: number; ty: number } | null, step: number): Placement[] {
  const out: Placement[] = [];
  const rx = around ? COARSE_STEP : REACH.x;
  const ry = around ? COARSE_STEP : REACH.y;
  for (let dy = -ry; dy <= ry; dy += step) {
    for (let dx = -rx; dx <= rx; dx += step) out.push(place(tokens, occupancy, (around?.tx ?? 0) + dx, (around?.ty ?? 0) + dy));
  }
  return out;
}

function tokensOf(words: readonly Word[], scale: number): Token[] {
  const tokens: Token[] = [];
  for (const word of words) {
    const kind = word.confidence >= MIN_WORD_CONFIDENCE ? kindOf(word.text) : null;
    if (kind) tokens.push({ x: (word.box.x + word.box.width / 2) / scale, y: (word.box.y + word.box.height / 2) / scale, left: word.box.x / scale, kind });
  }
  return tokens;
}

/** The box each token lands in under a placement (0: none). */
function landing(tokens: readonly Token[], occupancy: Occupancy, p: { tx: number; ty: number }): Int16Array {
  const out = new Int16Array(tokens.length);
  tokens.forEach((token, i) => {
    const c = Math.floor((token.x - p.tx) / CELL);
    const r = Math.floor((token.y - p.ty) / CELL);
    out[i] = c >= 0 && r >= 0 && c < occupancy.columns && r < occupancy.rows ? occupancy.cells[r * occupancy.columns + c]! : 0;
  });
  return out;
}

export interface ValuesFit extends Placement {
  tokens: number;
  /** The best placement that puts the words in other boxes: a second way the page would fit. */
  rival: Placement | null;
}

/**
 * The best placement of a page's values on a template, and its best rival. Placements a column
 * or a line apart that land the words in the same boxes are one placement (a box is wider than
 * its value), so a rival must land at least a fifth of them elsewhere.
 */
export function valuesFit(words: readonly Word[], page: { width: number; height: number }, template: FormTemplate): ValuesFit {
  const scale = Math.min(page.width / template.size.width, page.height / template.size.height);
  const tokens = tokensOf(words, scale);
  const occupancy = occupancyOf(template);
  const coarse = search(tokens, occupancy, null, COARSE_STEP).sort((a, b) => b.score - a.score);
  const top = coarse[0]!;
  const best = search(tokens, occupancy, top, FINE_STEP).reduce((a, b) => (b.score > a.score ? b : a), top);
  const boxes = landing(tokens, occupancy, best);
  const rival =
    coarse.find((p) => {
      const other = landing(tokens, occupancy, p);
      let moved = 0;
      for (let i = 0; i < boxes.length; i += 1) if (boxes[i] !== 0 && other[i] !== boxes[i]) moved += 1;
      return moved > best.matchedWords * RIVAL_MOVED_SHARE;
    }) ?? null;
  return { ...best, tokens: tokens.length, rival };
}

/** Registers a page to `template` by its values alone; see the file's comment. */
export function registerByValues(words: readonly Word[], page: { width: number; height: number }, template: FormTemplate): RegistrationOutcome {
  const fail = (reason: string): RegistrationOutcome => ({ registered: false, reason, anchorsFound: 0, anchorsTotal: 0 });
  if (template.zones.filter((z) => z.type !== 'checkbox').length < MIN_TEMPLATE_ZONES) return fail('This form has too few boxes to be found by its values.');
  const fit = valuesFit(words, page, template);
  if (fit.tokens < MIN_MATCHED_WORDS) return fail('Too few values on this page to place it on the form.');
  if (fit.matchedWords < MIN_MATCHED_WORDS || fit.matchedZones < MIN_MATCHED_ZONES || fit.score < fit.tokens * MIN_SCORE_PER_WORD) {
    return fail('The values on this page do not sit where this form’s boxes are.');
  }
  if (fit.rival && fit.rival.score > fit.score / MIN_MARGIN) return fail('The values on this page fit the form in more than one place.');
  const scale = Math.min(page.width / template.size.width, page.height / template.size.height);
  const transform: Matrix3 = [scale, 0, scale * fit.tx, 0, scale, scale * fit.ty, 0, 0, 1];
  const inverse = invertTransform(transform);
  if (!inverse) return fail('The page could not be placed on the form.');
  return {
    registered: true,
    registration: { templateId: template.id, transform, inverse, model: 'values', anchorsFound: 0, anchorsTotal: 0, residual: 0, anchorWordIds: [] },
  };
}
