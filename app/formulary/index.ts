export * from './types';
export * from './ocr-distance';
export * from './formulary';
export * from './fda-product';
