import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { HcpcsEntry, Icd10Entry } from '../../app/codesets/types';
import { compactDateToIso } from '../../app/codesets/types';
import { formatShippedHcpcs, formatShippedIcd10 } from '../../app/codesets/shipped-format';
import { ICD10_RELEASE, HCPCS_RELEASE } from './releases';

/**
 * Regenerates `resources/codesets/*.tsv.gz` from the converted public files in
 * `../shared/data/codesets`. Run by a developer when a new release is adopted:
 *
 *   npx tsx main/codesets/build-shipped-codesets.ts ../shared/data/codesets resources/codesets
 *
 * Only the columns the validators use ship (code, billable flag, one description, HCPCS
 * termination date), which with gzip keeps the whole set well under a megabyte.
 */

/** RFC 4180 CSV: quoted fields, doubled quotes, commas inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function byHeader(rows: string[][]): Record<string, string>[] {
  const [header = [], ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export function buildShippedCodeSets(sourceDir: string, outDir: string): { icd10: number; hcpcs: number } {
  const icdRows = byHeader(parseCsv(readFileSync(join(sourceDir, 'icd10cm_fy2022.csv'), 'utf8')));
  const icd: Icd10Entry[] = icdRows.map((r) => ({
    code: r.code ?? '',
    billable: r.billable === '1',
    description: r.long_description || r.short_description || '',
  }));
  const hcpcsRows = byHeader(parseCsv(readFileSync(join(sourceDir, 'hcpcs_level2_2019.csv'), 'utf8')));
  const hcpcs: HcpcsEntry[] = hcpcsRows.map((r) => ({
    code: r.code ?? '',
    kind: r.record_type === 'modifier' ? 'modifier' : 'procedure',
    terminationDate: compactDateToIso(r.termination_date ?? ''),
    description: r.long_description || r.short_description || '',
  }));
  writeFileSync(join(outDir, 'icd10cm.tsv.gz'), gzipSync(formatShippedIcd10(icd, ICD10_RELEASE), { level: 9 }));
  writeFileSync(join(outDir, 'hcpcs.tsv.gz'), gzipSync(formatShippedHcpcs(hcpcs, HCPCS_RELEASE), { level: 9 }));
  return { icd10: icd.length, hcpcs: hcpcs.length };
}

const [, script, source, out] = process.argv;
if (script?.endsWith('build-shipped-codesets.ts') && source && out) {
  const counts = buildShippedCodeSets(source, out);
  process.stdout.write(`ICD-10-CM rows: ${counts.icd10}, HCPCS rows: ${counts.hcpcs}\n`);
}
