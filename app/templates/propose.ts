import type { Word } from '../model/document';
import type { DocumentKind } from '../model/field';
import { anchorKey } from './register';
import type { TemplateDraft } from './site-templates';
import type { PrintedText, Rect } from './template';

/**
 * "Propose from the page": a draft template whose printed text is the sample page's own words
 * as Folio read them, grouped into short runs on a line (a label, a heading, a column head).
 * The reference space is the sample page's pixels, so the runs sit exactly where the page
 * prints them and the person only has to draw the boxes where values go.
 *
 * A run ends at a wide gap (the space between a label and the next label or value), after a
 * word ending in a colon (a label's end), or at MAX_RUN_WORDS: registration anchors on a run's
 * first word, so short runs give more anchors spread over the page.
 */

/** A gap wider than this many word heights ends a run. */
const RUN_GAP_HEIGHTS = 0.9;
const MAX_RUN_WORDS = 6;
/** The schema's limit on a printed text. */
const MAX_RUN_CHARS = 200;
/** A run whose first word is shorter than this (after dropping punctuation) is not proposed as an anchor. */
const MIN_ANCHOR_KEY = 3;

export interface SamplePage {
  width: number;
  height: number;
  words: readonly Word[];
}

function union(boxes: readonly Rect[]): Rect {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: Math.max(right - x, 1), height: Math.max(bottom - y, 1) };
}

function toPrinted(run: readonly Word[]): PrintedText {
  const text = run.map((w) => w.text.trim()).join(' ').slice(0, MAX_RUN_CHARS);
  const first = run[0]?.text ?? '';
  return {
    text,
    box: union(run.map((w) => w.box)),
    anchor: anchorKey(first).length >= MIN_ANCHOR_KEY,
    inline: false,
  };
}

/** Ink read as text that holds no letter or digit (a rule, a tick, a smudge) is no label. */
function isText(word: Word): boolean {
  return /[A-Za-z0-9]/.test(word.text) && word.box.width > 0 && word.box.height > 0;
}

/** The page's words as printed-text runs, top to bottom, left to right. */
export function printedRuns(words: readonly Word[]): PrintedText[] {
  const byLine = new Map<number, Word[]>();
  for (const word of words) {
    if (!isText(word)) continue;
    byLine.set(word.line, [...(byLine.get(word.line) ?? []), word]);
  }
  const lines = [...byLine.values()]
    .map((line) => [...line].sort((a, b) => a.box.x - b.box.x))
    .sort((a, b) => (a[0]?.box.y ?? 0) - (b[0]?.box.y ?? 0));
  const runs: PrintedText[] = [];
  for (const line of lines) {
    let run: Word[] = [];
    let chars = 0;
    const close = (): void => {
      if (run.length > 0) runs.push(toPrinted(run));
      run = [];
      chars = 0;
    };
    for (const word of line) {
      const previous = run[run.length - 1];
      if (previous) {
        const gap = word.box.x - (previous.box.x + previous.box.width);
        const height = Math.max(word.box.height, previous.box.height);
        const labelEnded = /:$/.test(previous.text.trim());
        if (gap > height * RUN_GAP_HEIGHTS || labelEnded || run.length >= MAX_RUN_WORDS || chars + word.text.length + 1 > MAX_RUN_CHARS) close();
      }
      run.push(word);
      chars += word.text.trim().length + 1;
    }
    close();
  }
  return runs;
}

/** A draft template from a sample page: its size, its printed runs, no zones yet. */
export function proposeTemplate(page: SamplePage, meta: { id: string; name: string; kind: DocumentKind }): TemplateDraft {
  return {
    id: meta.id,
    name: meta.name,
    kind: meta.kind,
    size: { width: page.width, height: page.height },
    printed: printedRuns(page.words).slice(0, 2000),
    zones: [],
  };
}
