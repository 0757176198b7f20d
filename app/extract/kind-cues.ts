import type { RecognisedKind } from '../model/field';

/**
 * The printed evidence of each document kind, as (pattern, weight) pairs. A cue counts once
 * however often it appears, so a kind's evidence is the sum over independent cues.
 *
 * A cue must be something a non-medical page does not print. Bare words that letters, receipts,
 * court filings and spreadsheets use ("result", "flag", "plan:", "group", "BIN", "qty",
 * "tablets", "collection", "insured's", "member ID", "follow-up", "assessment") either went or
 * were narrowed to the labelled form only this kind of paper uses ("Rx BIN", "Collected:",
 * "INSURED'S I.D. NUMBER", "Assessment:" opening a line, "follow up in two weeks").
 * tests/fixtures/documents/non-medical-document.ts prints those words where such pages do, so a
 * cue that creeps back towards a bare word shows up there.
 *
 * Weights, in units of the bar a kind must reach (MIN_KIND_EVIDENCE = 4 in classify.ts):
 *   4  decisive on its own: a title or box label printed only on this kind of paper
 *   3  nearly so, but a second cue is still wanted
 *   2  typical of the kind; two of them, or one with a 3, make the kind
 *   1  supporting only: generic enough that it never makes a kind without real cues
 */
export type Cue = readonly [pattern: RegExp, weight: number];

export const KIND_CUES: Record<RecognisedKind, readonly Cue[]> = {
  prescription: [
    // "Rx" opening a line, not the pharmacy routing labels of an insurance card.
    [/^\s*(?:rx|℞)\s*[:.#]?\s+(?!bin|pcn|gr(?:ou)?p)/im, 2],
    [/\bsig\s*[:.]/i, 3],
    [/\brefills?\s*[:#]/i, 2],
    [/\bDEA\s*(?:#|no\.?|number)?\s*:/, 2],
    [/\b(?:dispense as written|substitution permitted|do not substitute|DAW)\b/i, 3],
    [/\bprescri(?:ber|ption)\b/i, 2],
    [/\bdisp(?:ense)?\s*[:#]/i, 1],
    // A strength and a form ("20 mg tablet"): a shop's vitamins print it too, so it only supports.
    [/\b\d+(?:\.\d+)?\s*(?:mg|mcg)\s+(?:tablets?|capsules?)\b/i, 1],
    [/\b(?:by mouth|orally|once daily|twice daily|three times daily|at bedtime|every \d+ hours|as needed|prn)\b/i, 1],
    [/\bNPI\b/, 1],
  ],
  cms1500: [
    [/\bhealth insurance claim form\b/i, 4],
    [/\bdiagnosis or nature of illness\b/i, 4],
    [/\b(?:CMS|NUCC)[- ]?1500\b|\bNUCC\b|\bnational uniform claim committee\b/i, 3],
    [/\binsured'?s\s+(?:i\.?\s*d|name|address|policy|date of birth)/i, 2],
    [/\bplace of service\b|\b24\.?\s*A\.?\s+date/i, 2],
    [/\bfederal tax i\.?\s*d/i, 2],
    [/\b28\.?\s*total charge\b/i, 2],
    [/\bbilling provider\b/i, 2],
    [/\bPICA\b/, 2],
    [/\bpatient'?s\s+(?:name|address|birth date)\b/i, 1],
  ],
  lab_report: [
    [/\breference (?:range|interval)s?\b/i, 3],
    [/\bspecimen\b/i, 2],
    [/\bcollected\s*:|\bcollection (?:date|time)\b/i, 2],
    [/\blab(?:oratory)? report\b/i, 2],
    [/\bCLIA\b/, 2],
    [/\bordering (?:physician|provider|doctor)\b/i, 2],
    [/(?:\b|\d)(?:mg\/dL|mmol\/L|g\/dL|10\^3\/uL|U\/L|mEq\/L|ng\/mL|mIU\/L|pg\/mL)\b/i, 2],
    [/\blaboratory\b/i, 1],
  ],
  insurance_card: [
    [/\brx\s?bin\b/i, 3],
    [/\brx\s?pcn\b|\bPCN\s*:/i, 3],
    [/\brx\s?gr(?:ou)?p\b/i, 2],
    [/\bmember\s*(?:id|#|number)\b/i, 2],
    [/\bgroup\s*(?:#|no\.|number)/i, 1],
    [/\bco-?pay\b|\b(?:PCP|specialist|ER|urgent care)\s*:?\s*\$\s*\d/i, 1],
    [/\bsubscriber\s*(?:id|name|#|:)/i, 1],
    [/\b(?:Aetna|Cigna|Humana|Anthem|Blue Cross|Blue Shield|UnitedHealthcare|Kaiser Permanente|Molina|Highmark|Medicare|Medicaid)\b/i, 1],
  ],
  clinical_note: [
    [/\bchief complaint\b|^\s*CC\s*:/im, 3],
    [/\bHPI\b|\bhistory of present illness\b/i, 3],
    // Headings open a line; a letter's "our assessment of …" does not count.
    [/^\s*(?:assessment|impression)(?:\s*(?:and|&)\s*plan)?\s*:|\bA\/P\s*:/im, 2],
    [/^\s*(?:subjective|objective)\s*:/im, 2],
    [/\breview of systems\b|\bphysical exam(?:ination)?\b|^\s*(?:ROS|PE)\s*:/im, 2],
    [/\bvitals?\s*:|\bBP\s*:?\s*\d{2,3}\s*\/\s*\d{2,3}\b|\bHR\s*:?\s*\d{2,3}\b|\btemp(?:erature)?\s*:?\s*\d{2,3}(?:\.\d)?\s*°?\s*[FC]\b/i, 2],
    [/\bprogress note\b|\boffice visit\b/i, 2],
    [/\bfollow[- ]?up in (?:\d+|one|two|three|four|six) (?:days?|weeks?|months?)\b/i, 1],
    [/\bdiagnos(?:is|es)\b[^\n]{0,20}?\b[A-TV-Z]\d{2}(?:\.\d{1,4})?\b/i, 1],
  ],
};
