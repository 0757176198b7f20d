import type { Word } from '../model/document';
import type { Field, Finding } from '../model/field';
import { fieldFrom, missingField } from '../extract/field-builder';
import { ocrEditDistance } from '../formulary/ocr-distance';
import { warningFinding } from '../validate/finding';
import { anchorKey, type Registration } from './register';
import type { FormTemplate, Zone } from './template';
import { assignZoneWords, templateVocabulary, zoneOnPage, type ZoneWords } from './zone-words';

/**
 * Fields of a registered page, one zone at a time. The zone decides what the value may look
 * like: a value without its type's shape, one spilling out of its box, or one made of the form's
 * own label words is never `confident` (it carries a warning the confidence stage respects).
 */

/** Below this share of its ink inside the box, a value may belong to a neighbour. */
const MIN_CONFIDENT_FIT = 0.85;

interface Shape {
  /** The value's canonical form where the type has one (ISO date, cents, digits). */
  normalized?: string | null;
  finding?: Finding;
}

const shapeFinding = (message: string): Finding => warningFinding('template.shape', message);

function digitsOf(text: string): string {
  return text.replace(/[^0-9]/g, '');
}

/** Money printed in the form's dollar and cent cells ("125 00") or with its point ("125.00"). */
function moneyShape(text: string): Shape {
  const m = /^\$?\s*(\d{1,3}(?:,?\d{3})*|\d+)(?:[.\s](\d{2}))?$/.exec(text.trim());
  if (!m) return { finding: shapeFinding('This box holds an amount of money, and this does not read as one.') };
  return { normalized: `${(m[1] ?? '').replace(/,/g, '')}.${m[2] ?? '00'}` };
}

/**
 * A name as the engine hands it back, put right where only one reading is possible: a lone "0"
 * (a middle initial: a name has no digits) is the letter O, and a hyphen that a glyph's spacing
 * pulled apart ("MONTGOMERY -FITZGERALD") joins its two halves again.
 */
function nameShape(text: string): Shape {
  const tidied = text
    .replace(/\s*-\s*/g, '-')
    .split(' ')
    .map((token) => token.replace(/^0(,?)$/, 'O$1'))
    .join(' ');
  const shaped = /[A-Za-z]{2,}/.test(tidied) && !/\d/.test(tidied);
  if (!shaped) return { finding: shapeFinding('This box holds a name, and this does not read as one.') };
  return tidied === text ? {} : { normalized: tidied };
}

/** Edits (OCR-weighted) within which a reading is taken as one of its box's set phrases. */
const MAX_PHRASE_EDITS = 2.5;

/**
 * A box's set phrases (template.ts): a reading close to one is taken as it and checked; one
 * that is part of a phrase but not all of it lost words and is checked as it stands.
 */
function phraseShape(zone: Zone, text: string): Shape | null {
  if (!zone.phrases || zone.phrases.length === 0) return null;
  const read = text.toUpperCase().replace(/[_\s]+/g, ' ').trim();
  if (zone.phrases.includes(read)) return read === text ? {} : { normalized: read };
  const near = zone.phrases
    .filter((p) => p.length >= 6)
    .map((p) => ({ phrase: p, edits: ocrEditDistance(read.toLowerCase(), p.toLowerCase()) }))
    .sort((a, b) => a.edits - b.edits)[0];
  if (near && near.edits <= MAX_PHRASE_EDITS) {
    return { normalized: near.phrase, finding: warningFinding('template.phrase_read', `Read as “${near.phrase}”, which this box usually holds; confirm it.`) };
  }
  if (read.length >= 3 && zone.phrases.some((p) => p.includes(read))) {
    return { finding: warningFinding('template.phrase_part', 'Only part of a phrase this box usually holds was read; check it.') };
  }
  return null;
}

/**
 * A date box holds a calendar date: its month and day in range, whichever comes first. O, l and
 * I in it are misread digits (the date's validator says so and reads them as digits). A zone a
 * site names itself has no validator of its own, so this is all that stands between "94/07/2026"
 * (Tesseract's reading of 04 in a monospaced font) and a `confident` value.
 */
function dateShape(text: string): Shape {
  const m = /^(\d{1,2})[\s/.-]*(\d{1,2})[\s/.-]*(?:\d{2}|\d{4})$/.exec(text.trim().replace(/[Oo]/g, '0').replace(/[Il|]/g, '1'));
  const [a, b] = [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0)];
  const calendar = (month: number, day: number): boolean => month >= 1 && month <= 12 && day >= 1 && day <= 31;
  return m && (calendar(a, b) || calendar(b, a)) ? {} : { finding: shapeFinding('This box holds a date, and this does not read as one.') };
}

function shapeOf(zone: Zone, text: string): Shape {
  const phrase = phraseShape(zone, text);
  if (phrase) return phrase;
  switch (zone.type) {
    case 'name':
      return nameShape(text);
    case 'date':
      return dateShape(text);
    case 'money':
      return moneyShape(text);
    case 'digits': {
      const digits = digitsOf(text);
      const clean = /^[\d\s()./-]+$/.test(text);
      const rightLength = zone.length === undefined || digits.length === zone.length;
      return clean && rightLength && digits.length > 0
        ? { normalized: digits }
        : { finding: shapeFinding(zone.length ? `This box holds ${zone.length} digits, and this does not read as that.` : 'This box holds digits only.') };
    }
    case 'code':
      return /^[A-Za-z0-9][A-Za-z0-9 .\-/]*$/.test(text.trim()) ? {} : { finding: shapeFinding('This box holds a code, and this has characters a code does not.') };
    case 'text':
    case 'multiline':
    case 'checkbox':
      return {};
    default:
      return {};
  }
}

/** True when every word of the value is also a word the form prints: a label read as a value. */
function readsLikeLabel(words: readonly Word[], vocabulary: ReadonlyMap<string, unknown>): boolean {
  const keys = words.map((w) => anchorKey(w.text)).filter((k) => k.length > 0);
  // Single letters ("A" in a pointer box, "M" for a sex) are values far more often than labels.
  return keys.length > 0 && keys.every((k) => vocabulary.has(k) && /[A-Z]{2,}/.test(k));
}

/**
 * Ink of the form's rules and ticks that the engine glued to a value's first or last character
 * ("|HEM966788420", "03 14 26°"): never part of a value in a box.
 */
const EDGE_NOISE_START = /^[|[\]{}‘’'`"“”\\¦!_]+/;
const EDGE_NOISE_END = /[|[\]{}‘’'`"\\¦°!]+$/;

export function tidyWord(text: string): string {
  return text.replace(EDGE_NOISE_START, '').replace(EDGE_NOISE_END, '');
}

/**
 * Dates, digit strings and codes begin and end with a letter or digit: dashes, underscores and
 * dots before or after one are the form's rules and a scan's specks, and go (the value's own
 * validator still checks what is left).
 */
function trimmedValue(zone: Zone, raw: string): string {
  if (zone.type !== 'date' && zone.type !== 'digits' && zone.type !== 'code') return raw;
  return raw.replace(/^[^A-Za-z0-9]+/, '').replace(/[^A-Za-z0-9)]+$/, '');
}

/**
 * A name or text that ends in a comma, dot, dash or underscore has most likely lost its last
 * word or picked up a speck (a claim's names and addresses carry no punctuation but the name's
 * commas): never `confident`.
 */
function strayEnding(zone: Zone, raw: string): Finding | null {
  if (zone.type !== 'name' && zone.type !== 'text') return null;
  return /[,.\-_~—–:;]$/.test(raw)
    ? warningFinding('template.stray_mark', 'This value ends in a stray mark: a word may be missing or a speck was read; check it.')
    : null;
}

/**
 * A photographed page bends: a box's words can land in the box above or beside it, and a word
 * of a name or a list of modifiers go missing without a trace. Such values carry no check of
 * their own (no check digit, no code set), so on a photo they are always shown for checking.
 * (bench:forms: 11.6% of the `confident` values on photographed claims were wrong without this.)
 */
function photoCaution(zone: Zone, raw: string, registration: Registration): Finding | null {
  if (registration.model !== 'homography') return null;
  const unchecked = zone.type === 'name' || zone.type === 'text' || zone.type === 'multiline' || (zone.type === 'code' && raw.includes(' '));
  return unchecked ? warningFinding('template.photo', 'Read from a photographed page, where part of a value is easily lost or moved; check it.') : null;
}

/** A page placed by its values alone: no printed label confirms any box (register-by-values.ts). */
function valuesOnlyCaution(registration: Registration): Finding | null {
  return registration.model === 'values'
    ? warningFinding('template.values_only', 'The form’s printing is not on this page (a fax loses a red form), so this value was placed in its box by where it sits; check it.')
    : null;
}

function valueField(entry: ZoneWords, vocabulary: ReadonlyMap<string, unknown>, registration: Registration): Field | null {
  const { zone } = entry;
  const words = entry.words.filter((w) => tidyWord(w.text).length > 0);
  if (words.length === 0) return null;
  const raw = trimmedValue(zone, words.map((w) => tidyWord(w.text)).join(' '));
  if (raw.length === 0) return null;
  const shape = shapeOf(zone, raw);
  const findings: Finding[] = [];
  if (shape.finding) findings.push(shape.finding);
  const stray = strayEnding(zone, raw);
  if (stray) findings.push(stray);
  if (readsLikeLabel(words, vocabulary)) {
    findings.push(warningFinding('template.label_text', 'This reads like the form’s own printing rather than a filled-in value; check it.'));
  }
  // The same token twice in a code or name box is the engine, or the page's perspective,
  // handing one mark to two boxes; dates legitimately repeat ("02 02 26").
  const tokens = raw.split(' ');
  if (zone.type !== 'date' && zone.type !== 'money' && tokens.some((t, i) => i > 0 && t === tokens[i - 1])) {
    findings.push(warningFinding('template.repeated', 'The same characters appear twice in this box; check that only one belongs here.'));
  }
  const photo = photoCaution(zone, raw, registration);
  if (photo) findings.push(photo);
  const spills = entry.fit < MIN_CONFIDENT_FIT;
  const field = fieldFrom(zone.field, { raw, words: [...words], ambiguity: spills ? 0.5 : 0 }, { index: zone.index, normalized: shape.normalized ?? null });
  if (spills) findings.push(warningFinding('template.outside_box', 'Part of this value is printed outside its box; check that it belongs here.'));
  return { ...field, normalized: shape.normalized ?? field.normalized, findings: [...field.findings, ...findings] };
}

/** One field per checkbox group: the marked option, a question when two are marked. */
function checkboxField(group: readonly ZoneWords[]): Field | null {
  const marked = group.filter((entry) => entry.words.length > 0);
  const first = group[0];
  if (!first || marked.length === 0) return null;
  const words = marked.flatMap((entry) => entry.words);
  const value = marked.map((entry) => entry.zone.option ?? '').join(' ');
  const field = fieldFrom(first.zone.field, { raw: value, words, ambiguity: marked.length > 1 ? 1 : 0 }, { index: first.zone.index, normalized: value });
  return marked.length > 1
    ? { ...field, findings: [warningFinding('template.several_marked', 'More than one box of this question is marked.')] }
    : field;
}

function groupKey(zone: Zone): string {
  return `${zone.field}#${zone.index ?? ''}`;
}

/** Reads one registered page into fields, in the template's field names. */
export function templateFields(
  pageWords: readonly Word[],
  pageIndex: number,
  registration: Registration,
  template: FormTemplate,
): Field[] {
  const vocabulary = templateVocabulary(template);
  const assignment = assignZoneWords(pageWords, registration, template);
  const groups = new Map<string, ZoneWords[]>();
  for (const entry of assignment.zones) groups.set(groupKey(entry.zone), [...(groups.get(groupKey(entry.zone)) ?? []), entry]);
  const fields: Field[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const { zone } = first;
    const field = zone.type === 'checkbox' ? checkboxField(group) : valueField(first, vocabulary, registration);
    const placed = valuesOnlyCaution(registration);
    if (field) fields.push(placed ? { ...field, findings: [...field.findings, placed] } : field);
    else if (zone.required) {
      // Shown where the box is, so "next to check" brings the reviewer's eye to the empty box.
      fields.push({ ...missingField(zone.field, zone.index), region: { pageIndex, box: zoneOnPage(zone, registration, assignment.shift) } });
    }
  }
  return fields;
}
