import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CodeSetRelease, CodeSets, HcpcsCodeSet, Icd10CodeSet } from '../../app/codesets/types';
import { parseShippedHcpcs, parseShippedIcd10 } from '../../app/codesets/shipped-format';
import { parseCdcOrderFile, parseCmsHcpcsFile } from '../../app/codesets/upstream-formats';

/**
 * The Node side of the code sets: read the shipped gzip files (or a release file a user picked),
 * decompress, decode, and hand the text to the pure parsers in `app/codesets`.
 */
export const SHIPPED_ICD10_FILE = 'icd10cm.tsv.gz';
export const SHIPPED_HCPCS_FILE = 'hcpcs.tsv.gz';

/** gzip files start with 1f 8b; anything else is read as plain text. */
export async function readMaybeGzippedText(path: string): Promise<string> {
  const bytes = await readFile(path);
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  // CDC and CMS files are plain ASCII/Latin-1 in practice; latin1 never throws on stray bytes.
  const text = raw.toString('utf8');
  return text.includes('\uFFFD') ? raw.toString('latin1') : text;
}

/** `dir` is `resources/codesets` (resolved by the host: app.getAppPath() or the repo root). */
export async function loadShippedCodeSets(dir: string): Promise<CodeSets> {
  const [icd10Text, hcpcsText] = await Promise.all([
    readMaybeGzippedText(join(dir, SHIPPED_ICD10_FILE)),
    readMaybeGzippedText(join(dir, SHIPPED_HCPCS_FILE)),
  ]);
  return { icd10: parseShippedIcd10(icd10Text), hcpcs: parseShippedHcpcs(hcpcsText) };
}

/**
 * A newer ICD-10-CM release from CDC (icd10cm_order_YYYY.txt, optionally gzipped). The release
 * label comes from the person (e.g. "FY2026") because the file itself does not say.
 */
export async function loadCdcOrderFile(path: string, release: string): Promise<Icd10CodeSet> {
  const meta: CodeSetRelease = { system: 'ICD-10-CM', release, source: 'CDC/NCHS ICD-10-CM order file (public domain)' };
  return parseCdcOrderFile(await readMaybeGzippedText(path), meta);
}

/** A newer CMS alpha-numeric HCPCS file (HCPCyyyy_CONTR_ANWEB.txt). */
export async function loadCmsHcpcsFile(path: string, release: string): Promise<HcpcsCodeSet> {
  const meta: CodeSetRelease = { system: 'HCPCS Level II', release, source: 'CMS alpha-numeric HCPCS file (public domain)' };
  return parseCmsHcpcsFile(await readMaybeGzippedText(path), meta);
}
