export * from './analyse-document';
export * from './classify';
export * from './extractors';
export * from './layout';
export * from './sig-parser';
export type { DocumentExtractor, ExtractionContext } from './types';
