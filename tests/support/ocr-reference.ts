import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './build';

/**
 * The four classic Tesseract regression pages and their exact text, kept in the repository
 * (Apache-2.0, see the folder's README) so a clone placed anywhere runs its tests unaided.
 */
export const OCR_REFERENCE_DIR = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'ocr-reference');
export const OCR_REFERENCE_PAGES = ['phototest', 'eurotext', '8071_093.3B', '8087_054.3B'] as const;
export type OcrReferencePage = (typeof OCR_REFERENCE_PAGES)[number];

export function referenceImage(page: OcrReferencePage): string {
  return path.join(OCR_REFERENCE_DIR, `${page}.tif`);
}

/** The page's known text, as words. */
export function referenceWords(page: OcrReferencePage): string[] {
  return fs.readFileSync(path.join(OCR_REFERENCE_DIR, `${page}.txt`), 'utf8').split(/\s+/);
}
