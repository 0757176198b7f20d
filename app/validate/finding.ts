import type { Finding, FindingSeverity } from '../model/field';

/**
 * Small constructors so every validator builds findings the same way. Messages are written by
 * the validators as fixed sentences; nothing read from the document is ever interpolated.
 */
export function finding(code: string, severity: FindingSeverity, message: string): Finding {
  return { code, severity, message };
}

export function errorFinding(code: string, message: string): Finding {
  return finding(code, 'error', message);
}

export function warningFinding(code: string, message: string): Finding {
  return finding(code, 'warning', message);
}

export function infoFinding(code: string, message: string): Finding {
  return finding(code, 'info', message);
}

export function withSuggestions(f: Finding, suggestions: readonly string[]): Finding {
  return suggestions.length > 0 ? { ...f, suggestions: [...suggestions] } : f;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Keeps digits only; OCR often inserts spaces, dots or dashes inside identifiers. */
export function digitsOnly(text: string): string {
  return text.replace(/\D/g, '');
}

/** Removes separators a person or form may put inside an identifier, keeps letters and digits. */
export function compactIdentifier(text: string): string {
  return text.replace(/[\s.\-_/]/g, '').toUpperCase();
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
