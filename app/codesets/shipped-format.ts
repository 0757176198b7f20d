import type { CodeSetRelease, HcpcsCodeSet, HcpcsEntry, Icd10CodeSet, Icd10Entry } from './types';
import { compactDateToIso, createHcpcsCodeSet, createIcd10CodeSet } from './types';

/**
 * The format Folio ships its code sets in (inside gzip): a few `# key: value` header lines
 * saying which release it is, then tab-separated rows with only the columns the validators
 * need. Tabs never occur in CDC or CMS descriptions, so no quoting is needed.
 *
 *   # system: ICD-10-CM
 *   # release: FY2022
 *   # source: CDC/NCHS …
 *   E119<TAB>1<TAB>Type 2 diabetes mellitus without complications
 *
 * HCPCS rows: code, kind (P procedure / M modifier), termination date (YYYYMMDD or empty),
 * description.
 */

export class CodeSetFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodeSetFormatError';
  }
}

interface ShippedFile {
  release: CodeSetRelease;
  rows: string[][];
}

function readShippedFile(text: string, expectedSystem: string): ShippedFile {
  const header = new Map<string, string>();
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.length === 0) continue;
    if (line.startsWith('#')) {
      const m = /^#\s*([a-z]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) header.set(m[1], m[2].trim());
      continue;
    }
    rows.push(line.split('\t'));
  }
  const system = header.get('system');
  const release = header.get('release');
  if (system !== expectedSystem || !release) {
    throw new CodeSetFormatError(`Not a shipped ${expectedSystem} code set file.`);
  }
  return { release: { system, release, source: header.get('source') ?? '' }, rows };
}

export function parseShippedIcd10(text: string): Icd10CodeSet {
  const file = readShippedFile(text, 'ICD-10-CM');
  const entries: Icd10Entry[] = file.rows.map((cols, i) => {
    const [code, billable, description] = cols;
    if (!code || (billable !== '0' && billable !== '1')) {
      throw new CodeSetFormatError(`ICD-10-CM row ${i + 1} is malformed.`);
    }
    return { code, billable: billable === '1', description: description ?? '' };
  });
  return createIcd10CodeSet(entries, file.release);
}

export function parseShippedHcpcs(text: string): HcpcsCodeSet {
  const file = readShippedFile(text, 'HCPCS Level II');
  const entries: HcpcsEntry[] = file.rows.map((cols, i) => {
    const [code, kind, termination, description] = cols;
    if (!code || (kind !== 'P' && kind !== 'M')) {
      throw new CodeSetFormatError(`HCPCS row ${i + 1} is malformed.`);
    }
    return {
      code,
      kind: kind === 'P' ? 'procedure' : 'modifier',
      terminationDate: termination ? compactDateToIso(termination) : null,
      description: description ?? '',
    };
  });
  return createHcpcsCodeSet(entries, file.release);
}

/** Writes the shipped format; used by the build script and by tests to round-trip. */
export function formatShippedIcd10(entries: Iterable<Icd10Entry>, release: CodeSetRelease): string {
  const lines = headerLines(release);
  for (const e of entries) lines.push(`${e.code}\t${e.billable ? '1' : '0'}\t${clean(e.description)}`);
  return `${lines.join('\n')}\n`;
}

export function formatShippedHcpcs(entries: Iterable<HcpcsEntry>, release: CodeSetRelease): string {
  const lines = headerLines(release);
  for (const e of entries) {
    const termination = e.terminationDate ? e.terminationDate.replace(/-/g, '') : '';
    lines.push(`${e.code}\t${e.kind === 'procedure' ? 'P' : 'M'}\t${termination}\t${clean(e.description)}`);
  }
  return `${lines.join('\n')}\n`;
}

function headerLines(release: CodeSetRelease): string[] {
  return [`# system: ${release.system}`, `# release: ${release.release}`, `# source: ${release.source}`];
}

function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').trim();
}
