/** Formats Folio takes in, recognised by their first bytes; a file's name is never trusted. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'tiff' | 'pdf';
export type RefusedFormat = 'heic' | 'gif' | 'bmp' | 'zip' | 'text' | 'unknown';

export function sniffFormat(bytes: Uint8Array): ImageFormat | RefusedFormat {
  const head = (n: number): number[] => Array.from(bytes.subarray(0, n));
  const startsWith = (...sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...head(12).slice(8)) === 'WEBP') return 'webp';
  if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (indexOfAscii(bytes.subarray(0, 1024), '%PDF-') >= 0) return 'pdf';
  if (String.fromCharCode(...head(12).slice(4, 8)) === 'ftyp') return 'heic';
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (startsWith(0x42, 0x4d)) return 'bmp';
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (looksLikeText(bytes.subarray(0, 512))) return 'text';
  return 'unknown';
}

export function isSupportedFormat(format: ImageFormat | RefusedFormat): format is ImageFormat {
  return format === 'png' || format === 'jpeg' || format === 'webp' || format === 'tiff' || format === 'pdf';
}

/** What to tell the person about a file Folio cannot read, and what to do instead. */
export function refusalMessage(format: RefusedFormat): string {
  switch (format) {
    case 'heic':
      return 'This is a HEIC/HEIF photo, which Folio cannot read. Export it as JPEG or PNG and import that.';
    case 'gif':
    case 'bmp':
      return 'This image format is not supported. Save the page as PNG, JPEG, TIFF or PDF and import that.';
    case 'zip':
      return 'This is an archive or office document, not a scan. Unpack it or print it to PDF first.';
    case 'text':
      return 'This file contains text, not a scanned page, whatever its name says. Import the scan or PDF instead.';
    case 'unknown':
      return 'Folio does not recognise this file as an image or PDF. Import a PNG, JPEG, WebP, TIFF or PDF.';
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

function indexOfAscii(bytes: Uint8Array, needle: string): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let printable = 0;
  for (const b of bytes) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2) printable++;
  return printable / bytes.length > 0.95;
}
