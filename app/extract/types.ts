import type { DocumentKind, Field } from '../model/field';
import type { Formulary } from '../formulary/formulary';
import type { TextLine } from './layout';

export interface ExtractionContext {
  formulary: Formulary;
}

/** One per document kind: lines of OCR words in, fields (not yet validated) out. */
export interface DocumentExtractor {
  readonly kind: DocumentKind;
  extract(lines: readonly TextLine[], context: ExtractionContext): Field[];
}
