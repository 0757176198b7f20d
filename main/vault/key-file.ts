import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FolioError } from '../../app/contract/errors';
import { WrappedKeySchema } from './key-wrap';
import { syncDirectory } from './durable-files';

/**
 * The key file sits next to the database and holds nothing secret: the vault id, a key check
 * value, where the keychain copy lives, and the key wrapped under the passphrase and under the
 * recovery code (each with its scrypt parameters and salt). Losing it loses the recovery path,
 * so backups carry it along with the database.
 */
export const KeyFileSchema = z.object({
  format: z.literal(1),
  vaultId: z.uuid(),
  createdAt: z.string(),
  /** HMAC of a fixed label under the key: tells a wrong key before SQLite sees it. */
  keyCheck: z.string().min(1),
  /** Null when no keychain answered at setup: the passphrase is then the everyday unlock. */
  keychain: z.object({ service: z.string().min(1), account: z.string().min(1) }).nullable(),
  passphrase: WrappedKeySchema.nullable(),
  recovery: WrappedKeySchema,
  /** The audit anchor's secret wrapped under the recovery code (vaults set up since issue 13): a restore with the code brings it back. */
  anchorRecovery: WrappedKeySchema.optional(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** `<dir>/folio.db` → `<dir>/folio.keys.json`. */
export function keyFileFor(databaseFile: string): string {
  const parsed = path.parse(databaseFile);
  return path.join(parsed.dir, `${parsed.name}.keys.json`);
}

export function readKeyFile(file: string): KeyFile | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new FolioError('internal', 'The vault key file could not be read.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FolioError('corrupt_file', 'The vault key file is damaged. Restore it from a backup.');
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new FolioError('corrupt_file', 'The vault key file is damaged or from an unknown version. Restore it from a backup.');
  }
  return parsed.data;
}

/**
 * Atomic replace: a crash leaves either the old file or the new one, never half of each, since
 * a torn key file would lock the person out of their own vault.
 */
export function writeKeyFile(file: string, content: KeyFile): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDirectory(dir);
}
