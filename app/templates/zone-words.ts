import type { Word } from '../model/document';
import { anchorKey, type Registration } from './register';
import type { FormTemplate, Rect, Zone } from './template';
import { mapRect } from './transform';

/**
 * Which page words fall in which zone once a page is registered. The form's own printing is
 * set aside first (a word of a label, at that label's place, is never a value), then the whole
 * layer of values is allowed to sit off the form's grid by a few characters, as a misfed sheet
 * prints it: the shift that puts the most ink inside the boxes wins.
 */

export interface ZoneWords {
  zone: Zone;
  words: Word[];
  /** Share of the words' area inside the zone, 0–1: below 1 some ink spills over its edges. */
  fit: number;
}

export interface ZoneAssignment {
  zones: ZoneWords[];
  /** How far the values sit from the form's grid, in reference units. */
  shift: { dx: number; dy: number };
  /** Words that are the form's own printing. */
  printedWordIds: Set<string>;
}

/** Ink that is a rule or a tick of the grid read as text: never a value. */
const RULE_NOISE = /^[^A-Za-z0-9]+$/;
/** How far a form's label may sit from where the template has it, in reference units. */
const LABEL_SLACK = 14;
/** Misfeed search: up to four characters across and about half a line down or up. */
const SHIFT_X = { max: 120, step: 10 };
const SHIFT_Y = { max: 25, step: 5 };
/** Evidence (in words squarely inside a box) a unit of shift must buy. */
const SHIFT_COST = 0.02;
const CHECK_MARK = /^[xX×✓✔✗✘kK]{1,2}$/;

interface Placed {
  word: Word;
  box: Rect;
}

function toReference(word: Word, registration: Registration): Rect {
  return mapRect(registration.inverse, word.box);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function inside(point: { x: number; y: number }, r: Rect, slack: number): boolean {
  return point.x >= r.x - slack && point.x <= r.x + r.width + slack && point.y >= r.y - slack && point.y <= r.y + r.height + slack;
}

/** Printed words by key, for telling a label's word from a value that happens to share it. */
function printedVocabulary(template: FormTemplate): Map<string, Rect[]> {
  const vocabulary = new Map<string, Rect[]>();
  for (const printed of template.printed) {
    for (const token of printed.text.split(/\s+/)) {
      const key = anchorKey(token);
      if (key.length === 0) continue;
      vocabulary.set(key, [...(vocabulary.get(key) ?? []), printed.box]);
    }
  }
  return vocabulary;
}

const vocabularyCache = new WeakMap<FormTemplate, Map<string, Rect[]>>();

export function templateVocabulary(template: FormTemplate): Map<string, Rect[]> {
  let vocabulary = vocabularyCache.get(template);
  if (!vocabulary) {
    vocabulary = printedVocabulary(template);
    vocabularyCache.set(template, vocabulary);
  }
  return vocabulary;
}

function isPrinted(placed: Placed, vocabulary: Map<string, Rect[]>): boolean {
  const boxes = vocabulary.get(anchorKey(placed.word.text));
  if (!boxes) return false;
  const centre = { x: placed.box.x + placed.box.width / 2, y: placed.box.y + placed.box.height / 2 };
  return boxes.some((box) => inside(centre, box, LABEL_SLACK));
}

function shifted(r: Rect, dx: number, dy: number): Rect {
  return { x: r.x + dx, y: r.y + dy, width: r.width, height: r.height };
}

/** Text zones take words; checkbox zones take only marks, so a value never lands in a box's tick. */
function accepts(zone: Zone, word: Word): boolean {
  return zone.type === 'checkbox' ? CHECK_MARK.test(word.text) : true;
}

function bestZone(placed: Placed, zones: readonly Zone[], dx: number, dy: number): { zone: Zone; share: number } | null {
  const area = Math.max(placed.box.width * placed.box.height, 1);
  let best: { zone: Zone; share: number } | null = null;
  for (const zone of zones) {
    if (!accepts(zone, placed.word)) continue;
    // A check mark is printed in its square but may overhang it: count it generously.
    const box = zone.type === 'checkbox' ? { x: zone.box.x - 15, y: zone.box.y - 10, width: zone.box.width + 30, height: zone.box.height + 20 } : zone.box;
    const share = overlap(placed.box, shifted(box, dx, dy)) / area;
    if (share > 0 && (!best || share > best.share)) best = { zone, share };
  }
  return best;
}

function estimateShift(values: readonly Placed[], zones: readonly Zone[]): { dx: number; dy: number } {
  let best = { dx: 0, dy: 0, score: -Infinity };
  for (let dy = -SHIFT_Y.max; dy <= SHIFT_Y.max; dy += SHIFT_Y.step) {
    for (let dx = -SHIFT_X.max; dx <= SHIFT_X.max; dx += SHIFT_X.step) {
      let score = 0;
      for (const placed of values) score += bestZone(placed, zones, dx, dy)?.share ?? 0;
      // Printers are usually close to the grid: moving the whole layer off it must be worth
      // about one more word squarely in its box for every 50 units (under two characters).
      score -= (Math.abs(dx) + Math.abs(dy)) * SHIFT_COST;
      if (score > best.score) best = { dx, dy, score };
    }
  }
  return { dx: best.dx, dy: best.dy };
}

/** A word must be mostly inside a zone to be its value. */
const MIN_SHARE = 0.5;

/**
 * `shift`, when given, is where the values are already known to sit (from a cleaner reading of
 * the same page); otherwise it is estimated from these words.
 */
export function assignZoneWords(
  words: readonly Word[],
  registration: Registration,
  template: FormTemplate,
  shift?: { dx: number; dy: number },
): ZoneAssignment {
  const vocabulary = templateVocabulary(template);
  const anchors = new Set(registration.anchorWordIds);
  const printedWordIds = new Set<string>();
  const values: Placed[] = [];
  for (const word of words) {
    if (word.text.trim().length === 0 || RULE_NOISE.test(word.text.trim())) continue;
    const placed = { word, box: toReference(word, registration) };
    if (anchors.has(word.id) || isPrinted(placed, vocabulary)) printedWordIds.add(word.id);
    else values.push(placed);
  }
  const placedShift = shift ?? estimateShift(values, template.zones);
  const byZone = new Map<Zone, { words: Word[]; inside: number; area: number }>();
  for (const placed of values) {
    const best = bestZone(placed, template.zones, placedShift.dx, placedShift.dy);
    if (!best || best.share < MIN_SHARE) continue;
    const entry = byZone.get(best.zone) ?? { words: [], inside: 0, area: 0 };
    const area = Math.max(placed.box.width * placed.box.height, 1);
    entry.words.push(placed.word);
    entry.inside += best.share * area;
    entry.area += area;
    byZone.set(best.zone, entry);
  }
  const zones = template.zones.map((zone) => {
    const entry = byZone.get(zone);
    const sorted = entry ? [...entry.words].sort((a, b) => a.box.x - b.box.x) : [];
    return { zone, words: sorted, fit: entry && entry.area > 0 ? Math.min(1, entry.inside / entry.area) : 1 };
  });
  return { zones, shift: placedShift, printedWordIds };
}

/** A zone's rectangle on the page (where the reviewer should look), with the values' shift applied. */
export function zoneOnPage(zone: Zone, registration: Registration, shift: { dx: number; dy: number }): Rect {
  const r = mapRect(registration.transform, shifted(zone.box, shift.dx, shift.dy));
  const x = Math.max(0, r.x);
  const y = Math.max(0, r.y);
  return { x, y, width: r.x + r.width - x, height: r.y + r.height - y };
}
