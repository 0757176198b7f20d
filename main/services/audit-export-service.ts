import fs from 'node:fs';
import path from 'node:path';
import { FolioError } from '../../app/contract/errors';
import { personNewFile } from '../platform/path-policy';
import { buildAuditExport } from '../vault/audit-export';
import { syncDirectory } from '../vault/durable-files';
import type { OpenVault } from './vault-session';

export interface AuditExportResult {
  file: string;
  rows: number;
  bytes: number;
  fingerprint: string;
}

/**
 * Writes a signed audit export to a file a person named (the one path policy: a new file, never
 * inside the data folder), owner-only, beside its final name first. Only a trail that verifies
 * is signed: signing a rewritten trail would launder it. The export itself is a row in the trail.
 */
export function exportAuditTrail(vault: OpenVault, actorId: string, destination: string, dataDir: string, now: Date): AuditExportResult {
  const file = personNewFile(destination, { what: 'audit export file', dataDir });
  const verification = vault.audit.verify();
  if (!verification.ok) {
    throw new FolioError('conflict', `The audit trail does not verify (row ${verification.firstBadSeq}): it is not signed or exported. Verify the audit trail for details.`);
  }
  const anchor = vault.audit.anchor;
  if (!anchor) throw new FolioError('conflict', 'This audit trail has no anchor to sign an export with.');
  const text = buildAuditExport(vault.db, vault.audit, verification.sealedFrom ?? 1, now);
  const partial = path.join(path.dirname(file), `.folio-audit-${process.pid}-${Date.now()}.partial`);
  try {
    const fd = fs.openSync(partial, 'wx', 0o600);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, file);
    syncDirectory(path.dirname(file));
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof FolioError) throw error;
    throw new FolioError('forbidden', 'Folio may not write the audit export into that folder. Choose another one.');
  }
  vault.audit.append(actorId, { kind: 'audit-export', rows: verification.rows, fingerprint: anchor.keys.fingerprint });
  return { file, rows: verification.rows, bytes: Buffer.byteLength(text), fingerprint: anchor.keys.fingerprint };
}
