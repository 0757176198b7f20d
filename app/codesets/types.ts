/**
 * In-memory code sets. They are plain data handed over by the Node side (which reads the
 * shipped gzip files or a newer release file the user picked), so the validators stay pure.
 */

export interface CodeSetRelease {
  /** Which code system, for the UI: "ICD-10-CM", "HCPCS Level II". */
  system: string;
  /** The release the validators check against, e.g. "FY2022" or "2019". */
  release: string;
  /** Who published it, for the attribution line in the UI. */
  source: string;
}

export interface Icd10Entry {
  /** Upper case, no dot: `E119`. */
  code: string;
  /** False for category headers, which are not valid on a claim. */
  billable: boolean;
  description: string;
}

export interface HcpcsEntry {
  code: string;
  kind: 'procedure' | 'modifier';
  description: string;
  /** ISO date (YYYY-MM-DD) after which the code may no longer be billed, or null. */
  terminationDate: string | null;
}

export interface Icd10CodeSet {
  readonly release: CodeSetRelease;
  readonly size: number;
  get(code: string): Icd10Entry | undefined;
}

export interface HcpcsCodeSet {
  readonly release: CodeSetRelease;
  readonly size: number;
  get(code: string): HcpcsEntry | undefined;
}

export interface CodeSets {
  icd10: Icd10CodeSet;
  hcpcs: HcpcsCodeSet;
}

/** Canonical key for ICD-10 lookups: upper case, no dot or spaces. */
export function icd10Key(code: string): string {
  return code.replace(/[\s.]/g, '').toUpperCase();
}

export function createIcd10CodeSet(entries: Iterable<Icd10Entry>, release: CodeSetRelease): Icd10CodeSet {
  const byCode = new Map<string, Icd10Entry>();
  for (const entry of entries) byCode.set(icd10Key(entry.code), { ...entry, code: icd10Key(entry.code) });
  return {
    release,
    size: byCode.size,
    get: (code) => byCode.get(icd10Key(code)),
  };
}

export function createHcpcsCodeSet(entries: Iterable<HcpcsEntry>, release: CodeSetRelease): HcpcsCodeSet {
  const byCode = new Map<string, HcpcsEntry>();
  for (const entry of entries) byCode.set(entry.code.toUpperCase(), entry);
  return {
    release,
    size: byCode.size,
    get: (code) => byCode.get(code.trim().toUpperCase()),
  };
}

/** `20191231` -> `2019-12-31`; anything else -> null. */
export function compactDateToIso(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
