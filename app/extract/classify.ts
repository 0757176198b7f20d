import type { Word } from '../model/document';
import type { DocumentClassification, DocumentKind } from '../model/field';
import { DocumentKind as DocumentKindEnum } from '../model/field';
import { buildLines, unionBox } from './layout';

/**
 * Document kind from text cues and layout. Each kind has weighted phrases; the page's score is
 * the sum of the cues it contains, plus layout hints (a card is small and short; a note is long
 * prose). Confidence is the winner's share of the top two scores, so a page that looks like two
 * kinds at once says so and the person is asked to confirm.
 */
type Cue = readonly [RegExp, number];

const CUES: Record<DocumentKind, readonly Cue[]> = {
  prescription: [
    [/(?:^|\s)(?:rx|℞)\s*[:.]?\s/im, 2],
    [/\bsig\s*[:.]/i, 3],
    [/\brefills?\b/i, 2],
    [/\bDEA\b/, 2],
    [/\b(?:dispense as written|substitution permitted|do not substitute|DAW)\b/i, 3],
    [/\b(?:qty|quantity|disp)\b/i, 1],
    [/\b(?:tablets?|capsules?)\b/i, 1],
    [/\b(?:by mouth|once daily|twice daily|as needed|prn)\b/i, 1],
  ],
  cms1500: [
    [/\bhealth insurance claim form\b/i, 5],
    [/\b(?:CMS|NUCC)[- ]?1500\b|\b1500\b/i, 3],
    [/\binsured'?s\b/i, 2],
    [/\bplace of service\b|\b24\.?\s*A\b/i, 2],
    [/\bfederal tax i\.?\s*d/i, 2],
    [/\btotal charge\b/i, 2],
    [/\bbilling provider\b/i, 2],
    [/\bdiagnosis or nature of illness\b/i, 3],
    [/\bPICA\b/, 2],
  ],
  lab_report: [
    [/\breference (?:range|interval)\b/i, 3],
    [/\b(?:result|results)\b/i, 1],
    [/\bspecimen\b/i, 2],
    [/\bcollect(?:ed|ion)\b/i, 2],
    [/\b(?:laboratory|lab report|CLIA)\b/i, 2],
    [/\b(?:mg\/dL|mmol\/L|g\/dL|10\^3\/uL|U\/L|mEq\/L)\b/i, 2],
    [/\bflag\b/i, 1],
  ],
  insurance_card: [
    [/\bmember\s*(?:id|#|number)\b/i, 3],
    [/\brx\s?bin\b|\bBIN\b/i, 3],
    [/\brx\s?pcn\b|\bPCN\b/i, 3],
    [/\brx\s?grp\b/i, 2],
    [/\bgroup\s*(?:#|no|number)?\b/i, 1],
    [/\b(?:copay|pcp|specialist|er visit|urgent care)\b/i, 1],
    [/\b(?:subscriber|dependents?)\b/i, 1],
  ],
  clinical_note: [
    [/\b(?:assessment|impression)\b/i, 2],
    [/\bplan\b\s*:/i, 1],
    [/\b(?:HPI|history of present illness|chief complaint|CC:)/i, 3],
    [/\b(?:ROS|review of systems|physical exam(?:ination)?|PE:)/i, 2],
    [/\b(?:subjective|objective)\b/i, 2],
    [/\b(?:vitals?|BP|HR|temp)\b/i, 1],
    [/\b(?:progress note|office visit|follow[- ]up)\b/i, 1],
  ],
};

/** Word counts that separate a card (a few dozen words) from a note (hundreds). */
const CARD_MAX_WORDS = 90;
const NOTE_MIN_WORDS = 150;

export function classifyDocument(words: readonly Word[]): DocumentClassification {
  const text = buildLines(words)
    .map((l) => l.text)
    .join('\n');
  const scores = Object.fromEntries(DocumentKindEnum.options.map((k) => [k, 0])) as Record<DocumentKind, number>;
  for (const kind of DocumentKindEnum.options) {
    for (const [pattern, weight] of CUES[kind]) if (pattern.test(text)) scores[kind] += weight;
  }
  const box = unionBox(words);
  const aspect = box.height > 0 ? box.width / box.height : 0;
  // ID-1 cards are 85.6 × 54 mm (aspect 1.59) and carry few words.
  if (words.length > 0 && words.length <= CARD_MAX_WORDS && aspect > 1.3 && aspect < 1.9) scores.insurance_card += 1;
  if (words.length >= NOTE_MIN_WORDS) scores.clinical_note += 1;
  const ranked = [...DocumentKindEnum.options].sort((a, b) => scores[b] - scores[a]);
  const top = ranked[0] ?? 'clinical_note';
  const first = scores[top];
  const second = scores[ranked[1] ?? top] ?? 0;
  if (first === 0) {
    // Nothing recognisable: free text is treated as a note ("other"), with no confidence.
    return { kind: 'clinical_note', confidence: 0, scores };
  }
  return { kind: top, confidence: first / (first + second), scores };
}
