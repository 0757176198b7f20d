import { join } from 'node:path';
import type { CodeSetRelease, CodeSets, HcpcsCodeSet, Icd10CodeSet } from '../../app/codesets/types';
import { parseShippedHcpcs, parseShippedIcd10 } from '../../app/codesets/shipped-format';
import { parseCdcOrderFile, parseCmsHcpcsFile } from '../../app/codesets/upstream-formats';
import { readCappedFile, readPersonFile, type ReadLimits } from '../platform/path-policy';

/**
 * The Node side of the code sets: read the shipped gzip files (or a release file a user picked),
 * decompress, decode, and hand the text to the pure parsers in `app/codesets`.
 */
export const SHIPPED_ICD10_FILE = 'icd10cm.tsv.gz';
export const SHIPPED_HCPCS_FILE = 'hcpcs.tsv.gz';

/**
 * What a release file may cost to read. CDC's order file is about 15 MB of text and CMS's HCPCS
 * file under 10 MB; the caps leave room for a decade's growth and stop `/dev/zero`-sized reads
 * and gzip bombs long before they matter to memory.
 */
export const CODE_SET_LIMITS: ReadLimits = { maxBytes: 64 * 1024 * 1024, maxExpandedBytes: 128 * 1024 * 1024, maxRatio: 100 };

/** Bytes as text: CDC and CMS files are plain ASCII/Latin-1 in practice; latin1 never throws on stray bytes. */
function decodeText(raw: Buffer): string {
  const text = raw.toString('utf8');
  return text.includes('\uFFFD') ? raw.toString('latin1') : text;
}

/** A release file a person named: through the one path policy (never inside `dataDir`), capped. */
async function readReleaseFile(path: string, dataDir: string): Promise<string> {
  return decodeText(await readPersonFile(path, { what: 'code-set file', dataDir }, CODE_SET_LIMITS));
}

async function readShippedFile(path: string): Promise<string> {
  return decodeText(await readCappedFile(path, CODE_SET_LIMITS, 'shipped code-set file'));
}

/** `dir` is `resources/codesets` (resolved by the host: app.getAppPath() or the repo root). */
export async function loadShippedCodeSets(dir: string): Promise<CodeSets> {
  const [icd10Text, hcpcsText] = await Promise.all([
    readShippedFile(join(dir, SHIPPED_ICD10_FILE)),
    readShippedFile(join(dir, SHIPPED_HCPCS_FILE)),
  ]);
  return { icd10: parseShippedIcd10(icd10Text), hcpcs: parseShippedHcpcs(hcpcsText) };
}

/**
 * A newer ICD-10-CM release from CDC (icd10cm_order_YYYY.txt, optionally gzipped). The release
 * label comes from the person (e.g. "FY2026") because the file itself does not say.
 */
export async function loadCdcOrderFile(path: string, release: string, dataDir: string): Promise<Icd10CodeSet> {
  const meta: CodeSetRelease = { system: 'ICD-10-CM', release, source: 'CDC/NCHS ICD-10-CM order file (public domain)' };
  return parseCdcOrderFile(await readReleaseFile(path, dataDir), meta);
}

/** A newer CMS alpha-numeric HCPCS file (HCPCyyyy_CONTR_ANWEB.txt). */
export async function loadCmsHcpcsFile(path: string, release: string, dataDir: string): Promise<HcpcsCodeSet> {
  const meta: CodeSetRelease = { system: 'HCPCS Level II', release, source: 'CMS alpha-numeric HCPCS file (public domain)' };
  return parseCmsHcpcsFile(await readReleaseFile(path, dataDir), meta);
}
