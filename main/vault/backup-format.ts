import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { FolioError } from '../../app/contract/errors';
import { blobFile } from './blob-store';
import { syncDirectory } from './durable-files';
import { KeyFileSchema } from './key-file';

/**
 * A backup is one file a person can carry: a short header, a JSON manifest, the encrypted
 * database exactly as SQLite wrote it, then (format 2) the vault's blob files exactly as they
 * lie on disk, already encrypted under keys that only the database holds. The manifest holds
 * nothing secret and nothing about a patient: when, which vault, which schema, the lengths and
 * digest of what follows, and the vault's key file (the key wrapped under the recovery code and,
 * if set, the vault passphrase; never the key itself). Without the key file a recovery code
 * could not open the backup on a new machine.
 *
 *   "FOLIOBAK" | u32 BE manifest length | manifest (UTF-8 JSON) | database bytes
 *     | blob records | SHA-256 of the blob records (format 2 only)
 *   blob record = 16-byte id | u64 BE length | the blob file's bytes
 *
 * Format 1 (schema 6 and before) had neither blob records nor digest: its database still held
 * the images, and migration 7 moves them out when the restored vault first opens.
 *
 * Format 3 adds a MAC after the digest: HMAC-SHA256, under a key derived from the vault key, of
 * the preamble, the manifest and the blob records' digest. The digests alone are unkeyed: a blob
 * changed inside a backup, its checksum fixed, passed them. Without the vault key nobody can fix
 * the MAC, and a restore checks it (and opens every blob with its own key) before it commits.
 */
export const BACKUP_MAGIC = Buffer.from('FOLIOBAK', 'latin1');
const PREAMBLE_BYTES = BACKUP_MAGIC.length + 4;
/** A manifest is a few kilobytes; a bigger length field means a damaged or foreign file. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

const BLOB_ID_BYTES = 16;
const BLOB_HEADER_BYTES = BLOB_ID_BYTES + 8;
const DIGEST_BYTES = 32;
const MAC_BYTES = 32;
export const CURRENT_BACKUP_FORMAT = 3;
const COPY_CHUNK = 1024 * 1024;

export const BackupManifestSchema = z.object({
  format: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  createdAt: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  keyFile: KeyFileSchema,
  database: z.object({
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** Format 2: how many blob records follow the database, and their length together. */
  blobs: z.object({ count: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }).optional(),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

export interface BackupContents {
  manifest: BackupManifest;
  /** Where the database bytes start in the backup file. */
  databaseOffset: number;
  /** Preamble and manifest as stored: what the MAC covers, byte for byte. */
  header: Buffer;
  /** Format 3: the MAC at the end of the file. */
  mac: Buffer | null;
}

/** The backup MAC's key: the vault key's, for this purpose and this vault only. */
export function backupMacKey(vaultKey: Buffer, vaultId: string): Buffer {
  return createHmac('sha256', vaultKey).update(`folio-backup-mac:${vaultId}`).digest();
}

function backupMac(macKey: Buffer, header: Buffer, blobDigest: Buffer): Buffer {
  return createHmac('sha256', macKey).update(header).update(blobDigest).digest();
}

/** True when a format 3 backup's MAC is the one its vault key makes; older formats carry none. */
export function backupMacMatches(contents: BackupContents, macKey: Buffer, blobDigest: Buffer): boolean {
  if (contents.manifest.format < 3) return true;
  const expected = backupMac(macKey, contents.header, blobDigest);
  return contents.mac !== null && contents.mac.length === expected.length && timingSafeEqual(contents.mac, expected);
}

/** The blob files a backup carries: ids as the snapshot's `blobs` table lists them. */
export interface BackupBlobs {
  dir: string;
  ids: readonly string[];
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

/** Lengths of the blob files, before any is copied: a missing one fails the backup up front. */
export async function measureBlobs(blobs: BackupBlobs): Promise<{ count: number; bytes: number }> {
  let bytes = 0;
  for (const id of blobs.ids) {
    const stat = await fs.promises.stat(blobFile(blobs.dir, id)).catch(() => null);
    if (!stat) throw new FolioError('corrupt_file', 'A stored page or original is missing from the vault folder, so no backup was written. Verify the vault, or restore it from an earlier backup.');
    bytes += BLOB_HEADER_BYTES + stat.size;
  }
  return { count: blobs.ids.length, bytes };
}

/**
 * Writes header, manifest, database and blob records into `target` (a new file), and fsyncs it.
 * `manifest.blobs` must be what `measureBlobs` said of `blobs`.
 */
export async function writeBackupFile(target: string, manifest: BackupManifest, databaseFile: string, blobs: BackupBlobs, macKey: Buffer): Promise<number> {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const preamble = Buffer.alloc(PREAMBLE_BYTES);
  BACKUP_MAGIC.copy(preamble, 0);
  preamble.writeUInt32BE(json.length, BACKUP_MAGIC.length);
  const header = Buffer.concat([preamble, json]);
  await fs.promises.writeFile(target, header, { flag: 'wx', mode: 0o600 });
  await pipeline(fs.createReadStream(databaseFile), fs.createWriteStream(target, { flags: 'a' }));
  const out = await fs.promises.open(target, 'a');
  let written = 0;
  try {
    const hash = createHash('sha256');
    for (const id of blobs.ids) {
      const content = await fs.promises.readFile(blobFile(blobs.dir, id));
      const header = Buffer.alloc(BLOB_HEADER_BYTES);
      header.write(id, 0, BLOB_ID_BYTES, 'hex');
      header.writeBigUInt64BE(BigInt(content.length), BLOB_ID_BYTES);
      hash.update(header).update(content);
      await out.writev([header, content]);
      written += header.length + content.length;
    }
    if (written !== manifest.blobs?.bytes) throw new FolioError('internal', 'The vault changed while the backup was written. Nothing was kept; try again.');
    const digest = hash.digest();
    await out.write(digest);
    if (manifest.format >= 3) await out.write(backupMac(macKey, header, digest));
    await out.sync();
  } finally {
    await out.close();
  }
  return PREAMBLE_BYTES + json.length + manifest.database.bytes + written + DIGEST_BYTES + (manifest.format >= 3 ? MAC_BYTES : 0);
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
    if (manifest.data.format >= 2 && !manifest.data.blobs) throw new FolioError('corrupt_file', 'The backup file is damaged.');
    const macBytes = manifest.data.format >= 3 ? MAC_BYTES : 0;
    const trailer = manifest.data.blobs ? manifest.data.blobs.bytes + DIGEST_BYTES + macBytes : 0;
    if (databaseOffset + manifest.data.database.bytes + trailer !== size) {
      throw new FolioError('corrupt_file', 'The backup file is incomplete or damaged.');
    }
    let mac: Buffer | null = null;
    if (macBytes > 0) {
      mac = Buffer.alloc(MAC_BYTES);
      await handle.read(mac, 0, MAC_BYTES, size - MAC_BYTES);
    }
    return { manifest: manifest.data, databaseOffset, header: Buffer.concat([preamble, json]), mac };
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

/**
 * Copies the blob records out of a backup into `dir` (a new folder), checking the records'
 * digest on the way; returns the ids found. Each file is fsynced, and so is each folder.
 */
export async function extractBlobs(backup: string, contents: BackupContents, dir: string): Promise<{ ids: string[]; digest: Buffer }> {
  const blobs = contents.manifest.blobs;
  fs.mkdirSync(dir, { mode: 0o700 });
  if (!blobs) return { ids: [], digest: Buffer.alloc(0) };
  const start = contents.databaseOffset + contents.manifest.database.bytes;
  const end = start + blobs.bytes;
  const hash = createHash('sha256');
  const ids: string[] = [];
  const input = await fs.promises.open(backup, 'r');
  try {
    const header = Buffer.alloc(BLOB_HEADER_BYTES);
    const chunk = Buffer.alloc(COPY_CHUNK);
    let position = start;
    while (position < end) {
      if (end - position < BLOB_HEADER_BYTES) throw damagedBlobs();
      await readExactly(input, header, BLOB_HEADER_BYTES, position);
      position += BLOB_HEADER_BYTES;
      hash.update(header);
      const id = header.toString('hex', 0, BLOB_ID_BYTES);
      const length = Number(header.readBigUInt64BE(BLOB_ID_BYTES));
      if (length > end - position) throw damagedBlobs();
      const output = await fs.promises.open(blobFile(dir, id), 'wx', 0o600);
      try {
        for (let left = length; left > 0; ) {
          const n = Math.min(left, COPY_CHUNK);
          await readExactly(input, chunk, n, position);
          hash.update(chunk.subarray(0, n));
          await output.write(chunk, 0, n);
          position += n;
          left -= n;
        }
        await output.sync();
      } finally {
        await output.close();
      }
      ids.push(id);
    }
    const digest = Buffer.alloc(DIGEST_BYTES);
    await readExactly(input, digest, DIGEST_BYTES, end);
    if (ids.length !== blobs.count || !hash.digest().equals(digest)) throw damagedBlobs();
    syncDirectory(dir);
    return { ids, digest };
  } finally {
    await input.close();
  }
}

async function readExactly(handle: fs.promises.FileHandle, buffer: Buffer, length: number, position: number): Promise<void> {
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw damagedBlobs();
}

function damagedBlobs(): FolioError {
  return new FolioError('corrupt_file', 'The backup file is damaged: its page images and originals do not match their checksum.');
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
