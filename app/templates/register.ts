import type { Word } from '../model/document';
import type { RegistrationModel } from '../model/field';
import type { FormTemplate } from './template';
import {
  applyTransform,
  fitAffine,
  fitHomography,
  invertTransform,
  localScale,
  rmsResidual,
  similarityFromTwo,
  type Matrix3,
  type Point,
  type PointPair,
} from './transform';

/**
 * Registration: find the form's own printing on the page and fit the transform that carries
 * the template's reference space onto the page's pixels. Every value box is then read where the
 * form puts it, whatever the scanner, the fax or the phone did to the sheet.
 *
 * Anchors are the first words of the form's labels, whose positions the form's design fixes.
 * A word can occur several times on a page ("OTHER", "DATE"), so hypotheses come from pairs of
 * distinctive anchors, each scored by how many anchors then land on a word of their own text
 * (RANSAC with exhaustive pairs: the candidate lists are short). The best is refined by least
 * squares to an affine fit and, when enough anchors agree, a homography for photographed pages.
 */

export interface Registration {
  templateId: string;
  /** Reference space → page pixels. */
  transform: Matrix3;
  /** Page pixels → reference space. */
  inverse: Matrix3;
  model: RegistrationModel;
  /** Anchors found where the fit puts them, and how many the template has. */
  anchorsFound: number;
  anchorsTotal: number;
  /** RMS distance of the found anchors from where the fit puts them, in reference units. */
  residual: number;
  /** Page words that are the form's own anchors (never values). */
  anchorWordIds: string[];
}

export type RegistrationOutcome =
  | { registered: true; registration: Registration }
  | { registered: false; reason: string; anchorsFound: number; anchorsTotal: number };

interface AnchorPoint {
  key: string;
  point: Point;
}

interface Candidate {
  anchor: number;
  word: Word;
  point: Point;
}

/** Anchors that must agree, at the least, before a page counts as this form. */
const MIN_ANCHORS = 8;
/** ... and that share of the template's anchors (a page showing a third of the form is not it). */
const MIN_ANCHOR_SHARE = 0.2;
/** An anchor lands if its word is within this many reference units (about half a print line). */
const INLIER_DISTANCE = 28;
/** A fit whose anchors sit further off than this on average does not place boxes reliably. */
export const MAX_RESIDUAL = 18;
const MIN_PAIR_SPAN = 400;
const MAX_ROTATION = (25 * Math.PI) / 180;
const HOMOGRAPHY_MIN_ANCHORS = 16;
/** Average advance of label capitals (reference units), to place a label's second word. */
const LABEL_CHAR_WIDTH = 14;

/** Upper case letters and digits only: "PATIENT'S" and "PATIENTS", "1a." and "1A" match. */
export function anchorKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * A label's first word, and its second where the first is a box number ("2.", "11a."), which
 * OCR often reads poorly or glues to the next word.
 */
function anchorPoints(template: FormTemplate): AnchorPoint[] {
  const points: AnchorPoint[] = [];
  for (const printed of template.printed) {
    if (!printed.anchor) continue;
    const tokens = printed.text.split(/\s+/);
    const y = printed.box.y + printed.box.height / 2;
    const first = tokens[0] ?? '';
    const firstKey = anchorKey(first);
    if (firstKey.length >= 2 || /\d/.test(firstKey)) points.push({ key: firstKey, point: { x: printed.box.x, y } });
    const second = tokens[1];
    if (second && first.length <= 4 && anchorKey(second).length >= 3) {
      points.push({ key: anchorKey(second), point: { x: printed.box.x + (first.length + 1) * LABEL_CHAR_WIDTH, y } });
    }
  }
  return points;
}

const anchorCache = new WeakMap<FormTemplate, AnchorPoint[]>();

function anchorsOf(template: FormTemplate): AnchorPoint[] {
  let anchors = anchorCache.get(template);
  if (!anchors) {
    anchors = anchorPoints(template);
    anchorCache.set(template, anchors);
  }
  return anchors;
}

function wordPoint(word: Word): Point {
  return { x: word.box.x, y: word.box.y + word.box.height / 2 };
}

function candidatesFor(anchors: readonly AnchorPoint[], words: readonly Word[]): Candidate[] {
  const byKey = new Map<string, number[]>();
  anchors.forEach((a, i) => byKey.set(a.key, [...(byKey.get(a.key) ?? []), i]));
  const candidates: Candidate[] = [];
  for (const word of words) {
    const key = anchorKey(word.text);
    for (const anchor of byKey.get(key) ?? []) candidates.push({ anchor, word, point: wordPoint(word) });
  }
  return candidates;
}

/** Each anchor's nearest candidate within reach under `m`: the fit's inliers, one per anchor. */
function inliersOf(m: Matrix3, anchors: readonly AnchorPoint[], candidates: readonly Candidate[], scale: number): Candidate[] {
  const best = new Map<number, { candidate: Candidate; distance: number }>();
  const reach = INLIER_DISTANCE * scale;
  for (const c of candidates) {
    const anchor = anchors[c.anchor];
    if (!anchor) continue;
    const p = applyTransform(m, anchor.point);
    const distance = Math.hypot(p.x - c.point.x, p.y - c.point.y);
    if (distance > reach) continue;
    const held = best.get(c.anchor);
    if (!held || distance < held.distance) best.set(c.anchor, { candidate: c, distance });
  }
  // A word anchors one label only.
  const byWord = new Map<string, { candidate: Candidate; distance: number }>();
  for (const entry of best.values()) {
    const held = byWord.get(entry.candidate.word.id);
    if (!held || entry.distance < held.distance) byWord.set(entry.candidate.word.id, entry);
  }
  return [...byWord.values()].map((e) => e.candidate);
}

function pairsOf(inliers: readonly Candidate[], anchors: readonly AnchorPoint[]): PointPair[] {
  return inliers.map((c) => ({ from: anchors[c.anchor]!.point, to: c.point }));
}

function plausibleSimilarity(m: Matrix3, expectedScale: number): boolean {
  const scale = Math.hypot(m[0], m[3]);
  const rotation = Math.atan2(m[3], m[0]);
  return scale > expectedScale * 0.4 && scale < expectedScale * 2.5 && Math.abs(rotation) < MAX_ROTATION;
}

/**
 * Registers one page's words to a template. `page` is the page's pixel size; the form is
 * expected to fill most of it (a photo of a form on a table still does).
 */
export function registerPage(words: readonly Word[], page: { width: number; height: number }, template: FormTemplate): RegistrationOutcome {
  const anchors = anchorsOf(template);
  const anchorsTotal = anchors.length;
  const needed = Math.max(MIN_ANCHORS, Math.ceil(anchorsTotal * MIN_ANCHOR_SHARE));
  const candidates = candidatesFor(anchors, words);
  const fail = (reason: string, found = 0): RegistrationOutcome => ({ registered: false, reason, anchorsFound: found, anchorsTotal });
  if (new Set(candidates.map((c) => c.anchor)).size < needed) return fail('Too few of the form’s printed labels were found on this page.');

  const expectedScale = Math.min(page.width / template.size.width, page.height / template.size.height);
  // Hypotheses from anchors whose text is rare on the page: few candidates each.
  const perAnchor = new Map<number, number>();
  for (const c of candidates) perAnchor.set(c.anchor, (perAnchor.get(c.anchor) ?? 0) + 1);
  const distinctive = candidates.filter((c) => (perAnchor.get(c.anchor) ?? 0) <= 2 && (anchors[c.anchor]?.key.length ?? 0) >= 4);

  let best: { m: Matrix3; inliers: Candidate[] } | null = null;
  for (let i = 0; i < distinctive.length; i += 1) {
    for (let j = i + 1; j < distinctive.length; j += 1) {
      const p = distinctive[i]!;
      const q = distinctive[j]!;
      if (p.anchor === q.anchor || p.word.id === q.word.id) continue;
      const from1 = anchors[p.anchor]!.point;
      const from2 = anchors[q.anchor]!.point;
      if (Math.hypot(from2.x - from1.x, from2.y - from1.y) < MIN_PAIR_SPAN) continue;
      const m = similarityFromTwo({ from: from1, to: p.point }, { from: from2, to: q.point });
      if (!m || !plausibleSimilarity(m, expectedScale)) continue;
      const inliers = inliersOf(m, anchors, candidates, Math.hypot(m[0], m[3]));
      if (!best || inliers.length > best.inliers.length) best = { m, inliers };
    }
  }
  if (!best || best.inliers.length < needed) {
    return fail('The form’s printed labels were found, but not where this form prints them.', best?.inliers.length ?? 0);
  }

  let model: Registration['model'] = 'similarity';
  let transform = best.m;
  let inliers = best.inliers;
  for (let round = 0; round < 2; round += 1) {
    const affine = fitAffine(pairsOf(inliers, anchors));
    if (!affine) break;
    const next = inliersOf(affine, anchors, candidates, localScale(affine, centre(template)));
    if (next.length < inliers.length) break;
    transform = affine;
    inliers = next;
    model = 'affine';
  }
  if (inliers.length >= HOMOGRAPHY_MIN_ANCHORS) {
    const pairs = pairsOf(inliers, anchors);
    const homography = fitHomography(pairs);
    if (homography && rmsResidual(homography, pairs) < rmsResidual(transform, pairs) * 0.8) {
      const next = inliersOf(homography, anchors, candidates, localScale(homography, centre(template)));
      if (next.length >= inliers.length) {
        transform = homography;
        inliers = next;
        model = 'homography';
      }
    }
  }
  const inverse = invertTransform(transform);
  if (!inverse) return fail('The page could not be placed on the form.', inliers.length);
  const residual = rmsResidual(transform, pairsOf(inliers, anchors)) / localScale(transform, centre(template));
  if (residual > MAX_RESIDUAL) return fail('The page does not lie flat enough on the form to read its boxes.', inliers.length);
  return {
    registered: true,
    registration: {
      templateId: template.id,
      transform,
      inverse,
      model,
      anchorsFound: inliers.length,
      anchorsTotal,
      residual,
      anchorWordIds: inliers.map((c) => c.word.id),
    },
  };
}

function centre(template: FormTemplate): Point {
  return { x: template.size.width / 2, y: template.size.height / 2 };
}
