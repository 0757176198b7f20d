import { parseArgs } from 'node:util';
import { isFolioError } from '../../../app/contract/errors';
import { readCappedFile } from '../../platform/path-policy';
import { verifyAuditExport, type ExportCheck } from '../../vault/audit-export';

export const AUDIT_VERIFY_USAGE = `Usage: folio audit-verify <export.json> [--key <fingerprint>] [--json]

  audit-verify   Check a signed audit export (Settings → Export the audit trail) on any computer:
                 its signature, and every row's hash and link to the row before. With --key,
                 also that it was signed by the workstation whose fingerprint you noted.`;

/** An audit trail of years is a few hundred megabytes at most. */
const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

const PROBLEMS: Record<Exclude<ExportCheck, { ok: true }>['problem'], string> = {
  'not-an-export': 'This file is not a Folio audit export.',
  signature: 'The signature does not match: the file was changed after it was signed.',
  'key-not-pinned': 'The export was signed by another key than the fingerprint given.',
  'missing-row': 'A row is missing',
  'chain-broken': 'A row does not follow from the one before',
  'content-changed': 'A row was changed',
  head: 'The last row is not the head the export names.',
};

/** `folio audit-verify`: exit 0 when the export checks out, 1 when it does not, 2 on a usage error. */
export async function runAuditVerify(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' }, json: { type: 'boolean', default: false } } });
  } catch {
    process.stderr.write(`${AUDIT_VERIFY_USAGE}\n`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    process.stderr.write(`${AUDIT_VERIFY_USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = (await readCappedFile(file, { maxBytes: MAX_EXPORT_BYTES, maxExpandedBytes: MAX_EXPORT_BYTES, maxRatio: 1 }, 'audit export')).toString('utf8');
  } catch (error) {
    process.stderr.write(`${isFolioError(error) ? error.message : 'The audit export could not be read.'}\n`);
    return 1;
  }
  const check = verifyAuditExport(text, parsed.values.key);
  if (parsed.values.json) process.stdout.write(`${JSON.stringify(check)}\n`);
  else process.stdout.write(`${describe(check)}\n`);
  return check.ok ? 0 : 1;
}

function describe(check: ExportCheck): string {
  if (check.ok) {
    return [
      `ok: ${check.rows} rows, unchanged since they were signed on ${check.exportedAt}.`,
      `signed by key ${check.fingerprint} (vault ${check.vaultId}); compare it with the fingerprint noted at the workstation.`,
    ].join('\n');
  }
  const where = check.firstBadSeq === undefined ? '' : ` (row ${check.firstBadSeq})`;
  return `NOT OK: ${PROBLEMS[check.problem]}${where}.`.replace('..', '.');
}
