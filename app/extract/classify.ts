import type { Word } from '../model/document';
import type { DocumentClassification, RecognisedKind } from '../model/field';
import { RecognisedKind as RecognisedKindEnum } from '../model/field';
import { KIND_CUES } from './kind-cues';
import { buildLines, unionBox } from './layout';

/**
 * Document kind from printed evidence, and how sure Folio is of it. Each recognised kind sums
 * the weights of the independent cues the page carries (app/extract/kind-cues.ts), plus a
 * layout hint for cards. A kind is chosen only when its evidence reaches the bar; otherwise the
 * page is `other` and gets no fields: a page Folio does not recognise is shown as such rather
 * than read as the nearest medical form.
 *
 * Confidence, for a chosen kind with evidence E1 and runner-up E2:
 *
 *   confidence = (1 − 2^(−E1 / bar)) × (1 − E2 / E1)
 *                 amount of evidence    margin over the runner-up
 *
 * The first factor is 0.5 for a page that just reaches the bar and halves the remaining doubt
 * with each further bar's worth of cues (0.75 at twice the bar, 0.875 at three times); it never
 * reaches 1, so no single cue can give certainty. The second is 1 with no rival and 0 when two
 * kinds tie, so a page that looks like two kinds asks the person to confirm (the review view
 * does below 0.6).
 *
 * For `other`, confidence is how far the best kind falls short of the bar, scaled down on a
 * page with little text, where finding no cue says little (a blank or unreadable page):
 *
 *   confidence = (1 − E1 / bar) × min(1, words / MIN_WORDS_FOR_ABSENCE)
 *
 * Calibrated on the even seeds of the labelled corpus (tests/fixtures/documents: 320 medical
 * pages of the five kinds, clean and damaged, read by Tesseract as the product reads them) and
 * of the non-medical pages (non-medical-document.ts: 60 court filings, receipts, tables and
 * letters); the odd seeds only report. Kinds chosen, by bar:
 *
 * | bar | medical pages, own kind (even) | non-medical pages, `other` (even) |
 * |-----|--------------------------------|-----------------------------------|
 * | 2   | 320 / 320                      | 38 / 60 ("member ID" makes a card) |
 * | 3–10| 320 / 320                      | 60 / 60                           |
 * | 12  | 316 / 320                      | 60 / 60                           |
 *
 * The weakest medical page carried 11 for its own kind (a faxed prescription form), the
 * strongest non-medical page 2 (a receipt's or letter's "member ID"). On the report half with
 * the bar at 4: 320 / 320 medical pages right (the weakest at 9, confidence 0.79 and up, none
 * below the review view's 0.6), 60 / 60 non-medical pages `other`. The first classifier called
 * all 120 non-medical pages a medical kind, some with confidence 1.00.
 *
 * | constant              | value | why                                                            |
 * |-----------------------|-------|----------------------------------------------------------------|
 * | MIN_KIND_EVIDENCE     | 4     | see MIN_KIND_EVIDENCE                                          |
 * | CARD_MAX_WORDS        | 90    | unchanged: cards carry a few dozen words, a full page hundreds |
 * | MIN_WORDS_FOR_ABSENCE | 30    | fewer words than an insurance card carries; not swept          |
 */

/**
 * Evidence a kind needs to be chosen: one decisive cue (weight 4) or several typical ones. Any
 * bar from 3 to 10 separates the calibration half; 4 is the weight of a title only one kind of
 * paper prints, twice the most a non-medical page showed, and leaves the medical side room for
 * pages worse than the corpus's (its weakest is near three bars).
 */
export const MIN_KIND_EVIDENCE = 4;
/** ID-1 cards are small and carry few words; a full page carries hundreds. */
const CARD_MAX_WORDS = 90;
/** Below this many words, finding no cue is weak evidence that the page is not medical. */
const MIN_WORDS_FOR_ABSENCE = 30;

export type KindEvidence = Record<RecognisedKind, number>;

/** The evidence for each recognised kind on these words (all pages of a document). */
export function kindEvidence(words: readonly Word[]): KindEvidence {
  const text = buildLines(words)
    .map((l) => l.text)
    .join('\n');
  const scores = Object.fromEntries(RecognisedKindEnum.options.map((k) => [k, 0])) as KindEvidence;
  for (const kind of RecognisedKindEnum.options) {
    for (const [pattern, weight] of KIND_CUES[kind]) if (pattern.test(text)) scores[kind] += weight;
  }
  // ID-1 cards are 85.6 × 54 mm (aspect 1.59): a card-shaped block of few words supports a card.
  const box = unionBox(words);
  const aspect = box.height > 0 ? box.width / box.height : 0;
  if (words.length > 0 && words.length <= CARD_MAX_WORDS && aspect > 1.3 && aspect < 1.9) scores.insurance_card += 1;
  return scores;
}

/** The kind the evidence supports, with the confidence described above. */
export function decideKind(scores: KindEvidence, wordCount: number, bar = MIN_KIND_EVIDENCE): DocumentClassification {
  const ranked = [...RecognisedKindEnum.options].sort((a, b) => scores[b] - scores[a]);
  const top = ranked[0] as RecognisedKind;
  const first = scores[top];
  const second = ranked[1] === undefined ? 0 : scores[ranked[1]];
  if (first < bar) {
    const textAmount = Math.min(1, wordCount / MIN_WORDS_FOR_ABSENCE);
    return { kind: 'other', confidence: (1 - first / bar) * textAmount, scores };
  }
  const amount = 1 - 2 ** (-first / bar);
  const margin = 1 - second / first;
  return { kind: top, confidence: amount * margin, scores };
}

export function classifyDocument(words: readonly Word[]): DocumentClassification {
  return decideKind(kindEvidence(words), words.filter((w) => w.text.trim().length > 0).length);
}
