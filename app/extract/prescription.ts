import type { Field } from '../model/field';
import type { TextLine } from './layout';
import type { DocumentExtractor, ExtractionContext } from './types';
import { extractParties, prescriptionSections } from './prescription-parties';
import { extractOrder } from './prescription-order';

export const PrescriptionExtractor: DocumentExtractor = {
  kind: 'prescription',
  extract(lines: readonly TextLine[], context: ExtractionContext): Field[] {
    return [...extractParties(lines, prescriptionSections(lines)), ...extractOrder(lines, context.formulary)];
  },
};
