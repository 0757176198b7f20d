import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FolioError } from '../../app/contract/errors';
import { syncDirectory } from './durable-files';
import { statementCache, type VaultDatabase } from './database';

/**
 * Originals and page images: the bulk of the vault, kept as files beside the database rather
 * than inside it. SQLCipher encrypts and authenticates every 4 KiB page in its own code, which
 * made bulk bytes three to five times slower than plain SQLite; one AES-256-GCM pass through
 * Node's OpenSSL costs a fraction of the disk write.
 *
 * Each blob has its own random 256-bit key, held in the encrypted database (table `blobs`) and
 * nowhere else, so a file on its own is noise, and forgetting a row forgets the file's content
 * (crypto-shredding, as Signal Desktop does with attachments). The blob's id is authenticated
 * with it: a file copied over another's name fails to open.
 *
 *   file = "FOLIOBL1" | 12-byte nonce | ciphertext | 16-byte GCM tag
 *
 * Blobs are written once and never changed. A file is durable (fsynced, its directory entry
 * too) before the row naming it commits, so a committed row always finds its file; a crash in
 * between leaves a file no row names, which `sweepOrphans` removes on a later start. One flat
 * folder: ext4, APFS and NTFS index large directories, and one folder needs one fsync per batch.
 */
const MAGIC = Buffer.from('FOLIOBL1', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const SEAL_OVERHEAD = MAGIC.length + NONCE_BYTES + TAG_BYTES;
const ID_PATTERN = /^[0-9a-f]{32}$/;
/** A file younger than this at start-up may belong to another process's open transaction. */
const ORPHAN_MIN_AGE_MS = 60_000;

/** Where a vault's blob files live: `blobs/` beside the database file. */
export function blobDirFor(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), 'blobs');
}

export function blobFile(dir: string, id: string): string {
  return path.join(dir, id);
}

function isBlobId(name: string): boolean {
  return ID_PATTERN.test(name);
}

/**
 * Encrypts `bytes` into the new blob file `id` and fsyncs it. Its directory entry is durable
 * only after `syncDirectory(dir)`, which the caller runs once per batch, before the rows naming
 * the batch commit.
 */
export function writeSealedBlob(dir: string, id: string, key: Buffer, bytes: Buffer): void {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(id));
  const body = cipher.update(bytes);
  const tail = cipher.final();
  // The folder's own entry must survive a crash too, once, when it is made.
  if (fs.mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) syncDirectory(path.dirname(dir));
  const fd = fs.openSync(blobFile(dir, id), 'wx', 0o600);
  try {
    const parts = [MAGIC, nonce, body, tail, cipher.getAuthTag()];
    const total = parts.reduce((sum, part) => sum + part.length, 0);
    let written = fs.writevSync(fd, parts);
    // A short write is allowed by POSIX (a signal, a huge original): finish it from where it stopped.
    if (written < total) {
      const whole = Buffer.concat(parts);
      while (written < total) written += fs.writeSync(fd, whole, written, total - written, written);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Sealed bytes are read into one reused buffer (the plaintext is the only new allocation):
 * touching a fresh 256 KiB buffer per read costs a third of the read. Reads are synchronous, so
 * no two share it. Larger blobs (long PDFs) get a buffer of their own, not kept.
 */
const SCRATCH_MAX = 4 * 1024 * 1024;
let scratch = Buffer.alloc(0);

function readSealedFile(file: string, sealedBytes: number | null): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    // With the length known from its row, one byte more is asked for: a file that grew shows.
    const wanted = sealedBytes === null ? fs.fstatSync(fd).size : sealedBytes + 1;
    if (wanted > SCRATCH_MAX) return fs.readFileSync(fd);
    if (scratch.length < wanted) scratch = Buffer.allocUnsafe(Math.min(SCRATCH_MAX, Math.max(wanted, 2 * scratch.length)));
    let read = 0;
    while (read < wanted) {
      const n = fs.readSync(fd, scratch, read, wanted - read, read);
      if (n === 0) break;
      read += n;
    }
    return scratch.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads and authenticates one blob file; any damage, swap or truncation is a typed error.
 * `plainBytes`, the length its row records, saves asking the file system for it.
 */
export function readSealedBlob(dir: string, id: string, key: Buffer, plainBytes: number | null = null): Buffer {
  let sealed: Buffer;
  try {
    sealed = readSealedFile(blobFile(dir, id), plainBytes === null ? null : plainBytes + SEAL_OVERHEAD);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FolioError('corrupt_file', 'A stored page or original of this document is missing from the vault folder. Restore the vault from a backup.');
    }
    throw new FolioError('internal', 'A stored page or original of this document could not be read.');
  }
  const bodyStart = MAGIC.length + NONCE_BYTES;
  if (sealed.length < SEAL_OVERHEAD || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw damaged();
  if (plainBytes !== null && sealed.length !== plainBytes + SEAL_OVERHEAD) throw damaged();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(MAGIC.length, bodyStart));
    decipher.setAAD(associatedData(id));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = decipher.update(sealed.subarray(bodyStart, sealed.length - TAG_BYTES));
    const rest = decipher.final();
    return rest.length === 0 ? plain : Buffer.concat([plain, rest]);
  } catch {
    throw damaged();
  }
}

function associatedData(id: string): Buffer {
  return Buffer.concat([MAGIC, Buffer.from(id, 'latin1')]);
}

function missingRow(): FolioError {
  return new FolioError('corrupt_file', 'A stored page or original of this document is missing from the vault. Restore the vault from a backup.');
}

function damaged(): FolioError {
  return new FolioError('corrupt_file', 'A stored page or original of this document is damaged and cannot be shown. Restore the vault from a backup.');
}

/** A row of `blobs`: the file's id, its key and the length of what it holds. */
export interface BlobRow {
  id: string;
  key: Buffer;
  bytes: number;
}

/** The blob files of one open vault, with their keys in its database. Synchronous, like the rest of the store. */
export class BlobStore {
  private readonly openedAt = Date.now();
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: VaultDatabase,
    readonly dir: string,
  ) {
    this.sql = statementCache(db);
  }

  /**
   * Writes new blobs, durably, and their rows; returns their ids in order. Called inside the
   * transaction that also stores the rows naming them, so all commit or none does.
   */
  putAll(contents: readonly Buffer[]): string[] {
    const insert = this.sql('INSERT INTO blobs (id, key, bytes) VALUES (?, ?, ?)');
    const ids = contents.map((bytes) => {
      const id = randomBytes(16).toString('hex');
      const key = randomBytes(KEY_BYTES);
      writeSealedBlob(this.dir, id, key, bytes);
      insert.run(id, key, bytes.length);
      key.fill(0);
      return id;
    });
    if (ids.length > 0) syncDirectory(this.dir);
    return ids;
  }

  get(id: string): Buffer {
    const row = this.sql('SELECT id, key, bytes FROM blobs WHERE id = ?').get(id) as BlobRow | undefined;
    if (!row) throw missingRow();
    return this.read(row);
  }

  /** A blob whose row the caller fetched already (joined to its own), saving a query per read. */
  read(row: BlobRow): Buffer {
    return readSealedBlob(this.dir, row.id, row.key, row.bytes);
  }

  /**
   * Removes blob files that no row names: what a crash between writing a file and committing
   * its row left behind. Only files older than this store's opening (with a margin) are
   * candidates, so nothing being written right now is touched. Returns how many went.
   */
  async sweepOrphans(): Promise<number> {
    const known = this.db.prepare('SELECT 1 FROM blobs WHERE id = ?').pluck();
    const cutoff = this.openedAt - ORPHAN_MIN_AGE_MS;
    let removed = 0;
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    for (const [index, name] of names.entries()) {
      // A vault of years holds hundreds of thousands of files: let the app breathe between lookups.
      if (index % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
      if (!isBlobId(name) || known.get(name) !== undefined) continue;
      const file = blobFile(this.dir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (!stat || stat.mtimeMs >= cutoff) continue;
      await fs.promises.rm(file, { force: true });
      removed++;
    }
    return removed;
  }
}
