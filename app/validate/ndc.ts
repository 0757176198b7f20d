import type { Finding } from '../model/field';
import { assertNever, errorFinding, warningFinding } from './finding';

/**
 * National Drug Code. FDA labels carry 10 digits in three segments (labeler-product-package) in
 * one of three shapes, 4-4-2, 5-3-2 or 5-4-1. Billing (NCPDP, HIPAA claims) uses 11 digits,
 * 5-4-2, made by left-padding the short segment with a zero. Going back needs the shape, which
 * the zero position tells whenever exactly one segment starts with a padding zero.
 */
export type NdcFormat = '4-4-2' | '5-3-2' | '5-4-1' | '5-4-2';
export const NDC10_FORMATS: readonly NdcFormat[] = ['4-4-2', '5-3-2', '5-4-1'];

export interface NdcSegments {
  labeler: string;
  product: string;
  package: string;
  format: NdcFormat;
}

const SEGMENT_LENGTHS: Record<NdcFormat, readonly [number, number, number]> = {
  '4-4-2': [4, 4, 2],
  '5-3-2': [5, 3, 2],
  '5-4-1': [5, 4, 1],
  '5-4-2': [5, 4, 2],
};

/** Reads a hyphenated NDC (10 or 11 digits) or an unhyphenated 11-digit one. */
export function parseNdc(raw: string): NdcSegments | null {
  const text = raw.trim().replace(/[\s–—]/g, '-').replace(/-+/g, '-');
  const parts = text.split('-');
  if (parts.length === 3 && parts.every((p) => /^\d+$/.test(p))) {
    const lengths = parts.map((p) => p.length).join('-');
    const format = (Object.keys(SEGMENT_LENGTHS) as NdcFormat[]).find((f) => f === lengths);
    if (!format) return null;
    return { labeler: parts[0] ?? '', product: parts[1] ?? '', package: parts[2] ?? '', format };
  }
  if (/^\d{11}$/.test(text)) {
    return { labeler: text.slice(0, 5), product: text.slice(5, 9), package: text.slice(9), format: '5-4-2' };
  }
  return null;
}

/** The 11-digit billing form (digits only). */
export function ndcTo11(segments: NdcSegments): string {
  return (
    segments.labeler.padStart(5, '0') + segments.product.padStart(4, '0') + segments.package.padStart(2, '0')
  );
}

/** Formats an 11-digit NDC back into the given 10-digit shape, or null if that shape cannot hold it. */
export function ndc11ToFormat(ndc11: string, format: NdcFormat): string | null {
  if (!/^\d{11}$/.test(ndc11)) return null;
  const labeler = ndc11.slice(0, 5);
  const product = ndc11.slice(5, 9);
  const pack = ndc11.slice(9);
  switch (format) {
    case '5-4-2':
      return `${labeler}-${product}-${pack}`;
    case '4-4-2':
      return labeler.startsWith('0') ? `${labeler.slice(1)}-${product}-${pack}` : null;
    case '5-3-2':
      return product.startsWith('0') ? `${labeler}-${product.slice(1)}-${pack}` : null;
    case '5-4-1':
      return pack.startsWith('0') ? `${labeler}-${product}-${pack.slice(1)}` : null;
    default:
      return assertNever(format);
  }
}

/** Every 10-digit shape an 11-digit NDC could have come from. One result means it is unambiguous. */
export function ndc10Candidates(ndc11: string): string[] {
  return NDC10_FORMATS.map((f) => ndc11ToFormat(ndc11, f)).filter((v): v is string => v !== null);
}

export interface NdcValidation {
  /** 11 digits, no hyphens. */
  normalized: string | null;
  format: NdcFormat | null;
  findings: Finding[];
}

export function validateNdc(raw: string): NdcValidation {
  const text = raw.trim();
  if (text.length === 0) {
    return { normalized: null, format: null, findings: [errorFinding('ndc.missing', 'No NDC was found.')] };
  }
  const segments = parseNdc(text);
  if (segments) {
    const normalized = ndcTo11(segments);
    const findings: Finding[] = [];
    if (segments.format === '5-4-2' && !text.includes('-') && ndc10Candidates(normalized).length === 0) {
      findings.push(
        warningFinding('ndc.no_10_digit_form', 'This 11-digit NDC has no padding zero, so it cannot match a labelled 10-digit NDC.'),
      );
    }
    return { normalized, format: segments.format, findings };
  }
  const digits = text.replace(/\D/g, '');
  if (digits.length === 10) {
    // Without hyphens a 10-digit NDC fits three shapes; the label must be checked.
    return {
      normalized: null,
      format: null,
      findings: [
        errorFinding('ndc.ambiguous_10', 'A 10-digit NDC without hyphens can be read three ways; check the hyphens on the label.'),
      ],
    };
  }
  return {
    normalized: null,
    format: null,
    findings: [errorFinding('ndc.format', 'An NDC has 10 digits in 4-4-2, 5-3-2 or 5-4-1 groups, or 11 digits; this one does not.')],
  };
}

