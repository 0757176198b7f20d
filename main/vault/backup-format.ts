import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { FolioError } from '../../app/contract/errors';
import { KeyFileSchema } from './key-file';

/**
 * A backup is one file a person can carry: a short header, a JSON manifest, then the encrypted
 * database exactly as SQLite wrote it. The manifest holds nothing secret and nothing about a
 * patient: when, which vault, which schema, the database's length and digest, and the vault's
 * key file (the key wrapped under the recovery code and, if set, the vault passphrase; never the
 * key itself). Without the key file a recovery code could not open the backup on a new machine.
 *
 *   "FOLIOBAK" | u32 BE manifest length | manifest (UTF-8 JSON) | database bytes
 */
export const BACKUP_MAGIC = Buffer.from('FOLIOBAK', 'latin1');
const PREAMBLE_BYTES = BACKUP_MAGIC.length + 4;
/** A manifest is a few kilobytes; a bigger length field means a damaged or foreign file. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

export const BackupManifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  keyFile: KeyFileSchema,
  database: z.object({
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

export interface BackupContents {
  manifest: BackupManifest;
  /** Where the database bytes start in the backup file. */
  databaseOffset: number;
}

/** Length and SHA-256 of a file, streamed: a large vault is never held in memory. */
export async function digestFile(file: string, range: { start: number; bytes: number } | null = null): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = fs.createReadStream(file, range ? { start: range.start, end: range.start + range.bytes - 1 } : {});
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Writes header, manifest and database into `target` (a new file), and fsyncs it. */
export async function writeBackupFile(target: string, manifest: BackupManifest, databaseFile: string): Promise<number> {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const preamble = Buffer.alloc(PREAMBLE_BYTES);
  BACKUP_MAGIC.copy(preamble, 0);
  preamble.writeUInt32BE(json.length, BACKUP_MAGIC.length);
  await fs.promises.writeFile(target, Buffer.concat([preamble, json]), { flag: 'wx', mode: 0o600 });
  await pipeline(fs.createReadStream(databaseFile), fs.createWriteStream(target, { flags: 'a' }));
  await fsyncFile(target);
  return PREAMBLE_BYTES + json.length + manifest.database.bytes;
}

/** Reads and checks the header and manifest; the database bytes are left where they are. */
export async function readBackupFile(file: string): Promise<BackupContents> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FolioError('not_found', 'The backup file does not exist.');
    throw new FolioError('internal', 'The backup file could not be read.');
  }
  try {
    const { size } = await handle.stat();
    const preamble = Buffer.alloc(PREAMBLE_BYTES);
    const { bytesRead } = await handle.read(preamble, 0, PREAMBLE_BYTES, 0);
    if (bytesRead < PREAMBLE_BYTES || !preamble.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
      throw new FolioError('unsupported_format', 'This is not a Folio backup file.');
    }
    const length = preamble.readUInt32BE(BACKUP_MAGIC.length);
    if (length === 0 || length > MAX_MANIFEST_BYTES || PREAMBLE_BYTES + length > size) {
      throw new FolioError('corrupt_file', 'The backup file is damaged.');
    }
    const json = Buffer.alloc(length);
    await handle.read(json, 0, length, PREAMBLE_BYTES);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new FolioError('corrupt_file', 'The backup file is damaged.');
    }
    const manifest = BackupManifestSchema.safeParse(parsed);
    if (!manifest.success) throw new FolioError('corrupt_file', 'The backup file is damaged or from an unknown version of Folio.');
    const databaseOffset = PREAMBLE_BYTES + length;
    if (databaseOffset + manifest.data.database.bytes !== size) {
      throw new FolioError('corrupt_file', 'The backup file is incomplete or damaged.');
    }
    return { manifest: manifest.data, databaseOffset };
  } finally {
    await handle.close();
  }
}

/** Copies the database out of a backup into a new file, checking its digest on the way. */
export async function extractDatabase(backup: string, contents: BackupContents, target: string): Promise<void> {
  const hash = createHash('sha256');
  const { bytes, sha256 } = contents.manifest.database;
  await pipeline(
    fs.createReadStream(backup, { start: contents.databaseOffset, end: contents.databaseOffset + bytes - 1 }),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        yield chunk;
      }
    },
    fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }),
  );
  await fsyncFile(target);
  if (hash.digest('hex') !== sha256) throw new FolioError('corrupt_file', 'The backup file is damaged: its database does not match its checksum.');
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
