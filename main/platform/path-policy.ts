import fs from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { FolioError } from '../../app/contract/errors';

/**
 * The one policy for every path a person types (export folder, backup file, restore file, watch
 * folder): absolute, resolved through symlinks, of the kind asked for (a folder, or a regular
 * file: never a FIFO, a device or a folder passed as a file), outside Folio's own data folder
 * (where everything is promised encrypted, and where a write could land among the vault's files),
 * and outside the system's pseudo-file trees. A refusal is a typed error with a sentence that
 * never repeats the path: it may name a patient.
 */
export interface PathPolicy {
  /** What the person named, in the refusal's words: "export folder", "backup file". */
  what: string;
  /** Folio's data folder (vault, logs). */
  dataDir: string;
}

// Files here are views of the kernel, not storage: /proc/self/environ passes for a regular file.
const SYSTEM_TREES = process.platform === 'win32' ? [] : ['/proc', '/sys', '/dev'];
// The longest name most file systems take, in bytes.
const MAX_NAME_BYTES = 255;

/** An existing folder to read from or write into; returns its real path. */
export function personFolder(input: string, policy: PathPolicy & { mayHoldDataFolder?: boolean }): string {
  const real = realPath(input, policy);
  if (!statOf(real, policy).isDirectory()) throw refuse(policy, 'is not a folder. Choose a folder.');
  assertOutsideDataFolder(real, policy);
  if (policy.mayHoldDataFolder === false) {
    const dataDir = realOrResolved(policy.dataDir);
    if (isWithin(dataDir, real)) throw refuse(policy, "holds Folio's own data folder. Choose the folder the files arrive in.");
  }
  return real;
}

/** A file to create, which must not exist yet, in an existing folder; returns its full path. */
export function personNewFile(input: string, policy: PathPolicy): string {
  assertPlainText(input, policy);
  if (/[\\/]$/.test(input)) throw refuse(policy, 'needs a file name, not only a folder.');
  const name = path.basename(input);
  if (name === '' || name === '.' || name === '..') throw refuse(policy, 'needs a file name, not only a folder.');
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw refuse(policy, 'has a name longer than a disk allows. Choose a shorter name.');
  const folder = personFolder(path.dirname(input), { ...policy, what: `folder for the ${policy.what}` });
  const file = path.join(folder, name);
  const existing = fs.lstatSync(file, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw refuse(policy, 'names a folder. Add a file name to it.');
  if (existing) throw refuse(policy, 'exists already. Choose another name.', 'conflict');
  return file;
}

/** An existing regular file to read; returns its real path. */
export function personExistingFile(input: string, policy: PathPolicy): string {
  const real = realPath(input, policy);
  if (!statOf(real, policy).isFile()) throw refuse(policy, 'is not a regular file. Choose the file itself.');
  assertOutsideDataFolder(real, policy);
  return real;
}

/** What reading a file may cost: its bytes on disk, and what gzip may make of them. */
export interface ReadLimits {
  /** Bytes on disk. */
  maxBytes: number;
  /** Bytes after gzip is undone. */
  maxExpandedBytes: number;
  /** Expanded bytes per byte on disk: text compresses about tenfold, a gzip bomb a thousandfold. */
  maxRatio: number;
}

/**
 * An existing regular file a person named, read whole within `limits`; gzip (by its magic
 * bytes) comes back expanded. A FIFO, a device, a file over the cap or a bomb is a typed
 * error, and nothing hangs: the file is opened non-blocking and checked again by its handle,
 * so a FIFO swapped in after the path was checked still cannot wait for a writer.
 */
export async function readPersonFile(input: string, policy: PathPolicy, limits: ReadLimits): Promise<Buffer> {
  return readCappedFile(personExistingFile(input, policy), limits, policy.what);
}

/** The same capped read for a file of Folio's own (the shipped code sets): no policy, same caps. */
export async function readCappedFile(file: string, limits: ReadLimits, what = 'file'): Promise<Buffer> {
  const tooLarge = (): FolioError => new FolioError('too_large', `The ${what} is larger than Folio reads (${Math.round(limits.maxBytes / 1024 / 1024)} MB, or that much again once unpacked).`);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileSystemRefusal(error, { what, dataDir: '' });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FolioError('invalid_input', `The ${what} is not a regular file. Choose the file itself.`);
    if (stat.size > limits.maxBytes) throw tooLarge();
    const raw = await readAtMost(handle, limits.maxBytes, tooLarge);
    if (raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
    return await gunzipCapped(raw, Math.min(limits.maxExpandedBytes, Math.max(raw.length, 64 * 1024) * limits.maxRatio), tooLarge, what);
  } finally {
    await handle.close();
  }
}

/** Reads to the end, refusing a file that grows past `max` while it is read. */
async function readAtMost(handle: fs.promises.FileHandle, max: number, tooLarge: () => FolioError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1024 * 1024);
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > max) throw tooLarge();
    chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
  }
}

/** Undoes gzip as a stream, counting what comes out, and stops the moment it passes `max`. */
function gunzipCapped(compressed: Buffer, max: number, tooLarge: () => FolioError, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const fail = (error: FolioError): void => {
      if (done) return;
      done = true;
      gunzip.destroy();
      reject(error);
    };
    gunzip.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) fail(tooLarge());
      else chunks.push(chunk);
    });
    gunzip.on('error', () => fail(new FolioError('corrupt_file', `The ${what} is not a complete gzip file.`)));
    gunzip.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, total));
    });
    gunzip.end(compressed);
  });
}

function realPath(input: string, policy: PathPolicy): string {
  assertPlainText(input, policy);
  let real: string;
  try {
    real = fs.realpathSync.native(input);
  } catch (error) {
    throw fileSystemRefusal(error, policy);
  }
  if (SYSTEM_TREES.some((tree) => isWithin(real, tree))) throw refuse(policy, 'is inside a system folder. Choose a folder of your own.', 'forbidden');
  return real;
}

function assertPlainText(input: string, policy: PathPolicy): void {
  // Control characters (a NUL cuts a path short in C; a newline forges log and audit lines).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(input)) throw refuse(policy, 'contains characters a file name cannot have.');
  if (!path.isAbsolute(input)) throw refuse(policy, 'must be a full path, starting from the top of the disk.');
}

function statOf(real: string, policy: PathPolicy): fs.Stats {
  try {
    return fs.statSync(real);
  } catch (error) {
    throw fileSystemRefusal(error, policy);
  }
}

function assertOutsideDataFolder(real: string, policy: PathPolicy): void {
  if (isWithin(real, realOrResolved(policy.dataDir))) {
    throw refuse(policy, "cannot go inside Folio's own data folder: only the encrypted vault belongs there. Choose another place.");
  }
}

function fileSystemRefusal(error: unknown, policy: PathPolicy): FolioError {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return refuse(policy, 'does not exist.', 'not_found');
    case 'EACCES':
    case 'EPERM':
      return refuse(policy, 'is not open to Folio. Choose another place.', 'forbidden');
    case 'ENAMETOOLONG':
      return refuse(policy, 'is longer than a disk allows. Choose a shorter path.');
    default:
      // ENOTDIR (a file used as a folder), ELOOP (a symlink loop) and the like.
      return refuse(policy, 'cannot be used. Check the path and try again.');
  }
}

function refuse(policy: PathPolicy, sentence: string, code: 'invalid_input' | 'not_found' | 'forbidden' | 'conflict' = 'invalid_input'): FolioError {
  return new FolioError(code, `The ${policy.what} ${sentence}`);
}

/** True when `child` is `parent` or lies under it. */
function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function realOrResolved(dir: string): string {
  try {
    return fs.realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
}
