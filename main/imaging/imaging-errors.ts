import { FolioError } from '../../app/contract/errors';

/** Sentences for a person: what is wrong with the file and what to do. Never a name or content. */
export const tooLargeError = (): FolioError =>
  new FolioError('too_large', 'The page image is larger than Folio accepts (over 80 megapixels). Rescan it at 300 dpi.');

export const damagedFileError = (): FolioError =>
  new FolioError('corrupt_file', 'The file is damaged or incomplete and could not be decoded. Export or scan it again.');

export const damagedPageError = (index: number): FolioError =>
  new FolioError(
    'corrupt_file',
    `Page ${index + 1} of this file is damaged and could not be decoded. The other pages can still be read; rescan this page.`,
  );

export const passwordProtectedError = (): FolioError =>
  new FolioError(
    'unsupported_format',
    'This PDF is password-protected. Open it with its password, print or save it without protection, and import that copy.',
  );

export const tooManyPagesError = (limit: number): FolioError =>
  new FolioError('too_large', `The file has more than ${limit.toLocaleString('en-US')} pages. Split it into smaller files and import those.`);

export const tooManyPixelsError = (limit: number): FolioError =>
  new FolioError(
    'too_large',
    `The pages of this file add up to more than ${(limit / 1_000_000).toLocaleString('en-US')} megapixels, more than Folio reads as one document. Split it into smaller files, or scan at 300 dpi, and import those.`,
  );

/** Turns whatever a decoder threw into a typed error; typed errors pass through unchanged. */
export function asImageError(error: unknown, pageIndex?: number): FolioError {
  if (error instanceof FolioError) return error;
  const text = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(text)) return tooLargeError();
  return pageIndex === undefined ? damagedFileError() : damagedPageError(pageIndex);
}
