/**
 * The last line of defence for "no PHI in logs". Call sites already log only codes, counts and
 * timings; this step makes a slip harmless. It drops error messages and stacks (they quote file
 * paths and values), file paths, long digit runs (NPI, DEA, MRN, dates of birth), e-mail
 * addresses and anything quoted.
 */
const PATH = /(?:[A-Za-z]:)?(?:[\\/][^\s\\/:"'`]+){2,}[\\/]?/g;
const DIGITS = /\d[\d\s./-]{4,}\d/g;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;
const QUOTED = /(["'`])(?:(?!\1).){1,200}\1/g;
const MAX_STRING = 500;

export function redactText(text: string): string {
  return text
    .slice(0, MAX_STRING)
    .replace(QUOTED, '[quoted]')
    .replace(EMAIL, '[email]')
    .replace(PATH, '[path]')
    .replace(DIGITS, '[digits]');
}

export function redactValue(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return `${value.name}${typeof code === 'string' ? `(${redactText(code)})` : ''}`;
  }
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return value;
  }
  if (depth > 3) return '[object]';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redactValue(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, 30)) {
      out[redactText(key)] = redactValue(item, depth + 1);
    }
    return out;
  }
  return `[${typeof value}]`;
}
