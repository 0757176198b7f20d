import type { Field } from '../model/field';
import type { Candidate } from './field-builder';
import { candidateFromWords, fieldFrom } from './field-builder';
import type { TextLine } from './layout';
import { findLabeled } from './labels';
import type { DocumentExtractor } from './types';

/**
 * Insurance ID cards: member ID, group, payer, and the pharmacy routing trio (Rx BIN, PCN, GRP)
 * a pharmacist needs to bill. Labels vary by payer, so each field accepts the common spellings.
 */
const KNOWN_PAYERS =
  /\b(?:aetna|cigna|unitedhealthcare|united healthcare|blue cross|blue shield|bcbs|anthem|humana|kaiser(?: permanente)?|molina|centene|ambetter|wellcare|oscar|tricare|highmark|medicaid|medicare|health net|caresource|emblemhealth|florida blue|independence|premera|regence|excellus|geisinger|harvard pilgrim|tufts|priority health|optum|express scripts|caremark)\b/i;
const ID_VALUE = /[A-Z0-9][A-Z0-9-]{4,19}/i;

function payer(lines: readonly TextLine[]): Candidate | null {
  const labelled = findLabeled(lines, { label: /\b(?:payer|insurer|carrier|insurance company)\b\s*:/i });
  if (labelled) return labelled;
  const known = lines.find((l) => KNOWN_PAYERS.test(l.text));
  if (known) return candidateFromWords(known.words);
  // Cards print the payer at the top; with nothing better, the first line is the guess.
  const first = lines[0];
  return first && !/:/.test(first.text) ? { ...(candidateFromWords(first.words) as Candidate), ambiguity: 0.6 } : null;
}

export const InsuranceCardExtractor: DocumentExtractor = {
  kind: 'insurance_card',
  extract(lines: readonly TextLine[]): Field[] {
    return [
      fieldFrom(
        'card.memberId',
        findLabeled(lines, {
          label: /\b(?:member\s*(?:id|#|number)|subscriber\s*id|identification\s*(?:number|#)|id\s*(?:#|no\.?|number))\s*:?|^\s*id\s*:/i,
          value: ID_VALUE,
        }),
      ),
      fieldFrom(
        'card.group',
        findLabeled(lines, { label: /(?<!rx\s?)\b(?:group(?:\s*(?:number|no\.?|#|id))?|grp\s*#?)(?!\s*rx)\s*:?/i, value: /[A-Z0-9][A-Z0-9-]{1,19}/i }),
      ),
      fieldFrom('card.payer', payer(lines)),
      fieldFrom('card.rxBin', findLabeled(lines, { label: /\b(?:rx\s?bin|bin)\b\s*#?\s*:?/i, value: /\b\d{6}\b/ })),
      fieldFrom('card.rxPcn', findLabeled(lines, { label: /\b(?:rx\s?pcn|pcn)\b\s*:?/i, value: /[A-Z0-9]{2,10}/i })),
      fieldFrom('card.rxGroup', findLabeled(lines, { label: /\brx\s?(?:grp|group)\b\s*:?/i, value: /[A-Z0-9][A-Z0-9-]{1,14}/i })),
      fieldFrom('card.plan', findLabeled(lines, { label: /\bplan(?:\s*(?:name|type))?\s*:/i, stop: /\b(?:rx|bin|pcn|group|grp)\b/i })),
    ];
  },
};
