import type { Word } from '../model/document';
import type { DocumentKind, Field } from '../model/field';
import { assertNever } from '../validate/finding';
import { buildLines } from './layout';
import type { DocumentExtractor, ExtractionContext } from './types';
import { PrescriptionExtractor } from './prescription';
import { Cms1500Extractor } from './cms1500';
import { LabReportExtractor } from './lab-report';
import { InsuranceCardExtractor } from './insurance-card';
import { ClinicalNoteExtractor } from './clinical-note';

/**
 * A page Folio does not recognise gets no fields: any value read off a receipt or a letter as a
 * "prescriber NPI" would be invented, and a reviewer skimming quiet fields might pass it.
 */
export const OtherDocumentExtractor: DocumentExtractor = {
  kind: 'other',
  extract: () => [],
};

export function extractorFor(kind: DocumentKind): DocumentExtractor {
  switch (kind) {
    case 'prescription':
      return PrescriptionExtractor;
    case 'cms1500':
      return Cms1500Extractor;
    case 'lab_report':
      return LabReportExtractor;
    case 'insurance_card':
      return InsuranceCardExtractor;
    case 'clinical_note':
      return ClinicalNoteExtractor;
    case 'other':
      return OtherDocumentExtractor;
    default:
      return assertNever(kind);
  }
}

/** Fields of one kind from a document's words (all pages), before validation and scoring. */
export function extractFields(kind: DocumentKind, words: readonly Word[], context: ExtractionContext): Field[] {
  return extractorFor(kind).extract(buildLines(words), context);
}
