import fs from 'node:fs';
import path from 'node:path';
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
