import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { FolioError } from '../../app/contract/errors';

/**
 * The SQLite side of backup and restore, in a worker thread: copying or checking a large vault
 * takes seconds, and on the main thread that would freeze the UI and every host.
 *
 * The worker's code is plain JavaScript kept here as a string (run with `eval: true`), so it
 * survives bundling: esbuild folds main/ into one file per entry point, where a separate worker
 * file would not exist. It needs only the SQLite driver, resolved here to an absolute path.
 *
 * Why VACUUM INTO and not `db.backup()`: better-sqlite3 opens the backup target itself, without
 * a key, and SQLite3 Multiple Ciphers then refuses ("backup is not supported with incompatible
 * source and target databases"); a key in a URI filename needs SQLITE_USE_URI set for the whole
 * process. VACUUM INTO is SQLite's other online backup: one read transaction, so a consistent
 * snapshot while the app keeps writing, and SQLite3MC writes the copy with the source's cipher
 * and key. The copy is then opened with the key and put through `integrity_check`.
 *
 * Temp storage stays in memory (`temp_store = MEMORY`): SQLite3MC does not encrypt temp files,
 * and VACUUM sorts every index.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const hexKey = Buffer.from(workerData.key).toString('hex');

function openKeyed(file) {
  const db = new Database(file, { fileMustExist: true });
  // The same cipher settings as main/vault/database.ts.
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  db.pragma('key="x' + "'" + hexKey + "'" + '"');
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw Object.assign(new Error('wrong key'), { wrongKey: true });
  }
  db.pragma('temp_store = MEMORY');
  db.pragma('busy_timeout = 10000');
  return db;
}

function blobIds(db) {
  // Vaults before schema 7 keep their images inside the database.
  const hasBlobs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'blobs'").get();
  return hasBlobs ? db.prepare('SELECT id FROM blobs ORDER BY id').pluck().all() : [];
}

// Opens every blob file with its own key, as blob-store.ts seals them: MAGIC | nonce | body | tag,
// the id and MAGIC as associated data. Counts the files that do not open.
function unreadableBlobs(db, dir) {
  const crypto = require('node:crypto');
  const fs = require('node:fs');
  const path = require('node:path');
  const magic = Buffer.from('FOLIOBL1', 'latin1');
  let bad = 0;
  for (const row of db.prepare('SELECT id, key, bytes FROM blobs').iterate()) {
    try {
      const sealed = fs.readFileSync(path.join(dir, row.id));
      if (sealed.length !== row.bytes + magic.length + 12 + 16 || !sealed.subarray(0, magic.length).equals(magic)) throw new Error('length');
      const decipher = crypto.createDecipheriv('aes-256-gcm', row.key, sealed.subarray(magic.length, magic.length + 12));
      decipher.setAAD(Buffer.concat([magic, Buffer.from(row.id, 'latin1')]));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      decipher.update(sealed.subarray(magic.length + 12, sealed.length - 16));
      decipher.final();
    } catch {
      bad += 1;
    }
  }
  return bad;
}

function check(file, blobDir) {
  const db = openKeyed(file);
  try {
    const integrity = db.pragma('integrity_check').slice(0, 20).map((row) => row.integrity_check);
    const ids = blobIds(db);
    const unreadable = blobDir && ids.length > 0 ? unreadableBlobs(db, blobDir) : 0;
    return { schemaVersion: Number(db.pragma('user_version', { simple: true })), integrity, blobIds: ids, unreadableBlobs: unreadable };
  } finally {
    db.close();
  }
}

try {
  if (workerData.task === 'snapshot') {
    const source = openKeyed(workerData.source);
    try {
      source.prepare('VACUUM INTO ?').run(workerData.target);
    } finally {
      source.close();
    }
    parentPort.postMessage({ ok: true, ...check(workerData.target) });
  } else {
    parentPort.postMessage({ ok: true, ...check(workerData.file, workerData.blobDir) });
  }
} catch (error) {
  // Codes only: a SQLite message can quote a path.
  parentPort.postMessage({ ok: false, wrongKey: Boolean(error && error.wrongKey), code: error && typeof error.code === 'string' ? error.code : null });
}
`;

/** `check` with `blobDir` also opens every blob file there with its key (a restore, before it commits). */
export type VaultFileTask = { task: 'snapshot'; source: string; target: string } | { task: 'check'; file: string; blobDir?: string };

export interface VaultFileReport {
  /** `user_version`: the schema the file was written with. */
  schemaVersion: number;
  /** `PRAGMA integrity_check` rows (at most 20): `['ok']` for a sound file. */
  integrity: string[];
  /** The blob files the database names (its `blobs` table), sorted. */
  blobIds: string[];
  /** With `blobDir`: how many blob files did not open with their keys (damaged or swapped). */
  unreadableBlobs: number;
}

type WorkerReply = ({ ok: true } & VaultFileReport) | { ok: false; wrongKey: boolean; code: string | null };

let driverPath: string | null = null;

/**
 * Runs one task on a vault file with the key, in a fresh worker that ends with it. The key is
 * copied into the worker's memory by postMessage's structured clone; it is never written down.
 */
export function runVaultFileTask(task: VaultFileTask, key: Buffer): Promise<VaultFileReport> {
  driverPath ??= createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...task, key: new Uint8Array(key), driver: driverPath } });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve({ schemaVersion: reply.schemaVersion, integrity: reply.integrity, blobIds: reply.blobIds, unreadableBlobs: reply.unreadableBlobs });
      else if (reply.wrongKey) reject(new FolioError('unauthorized', 'The vault key does not open this database. Nothing was changed.'));
      else reject(new FolioError('corrupt_file', 'The database could not be copied or checked; it may be damaged.'));
    });
    worker.once('error', () => {
      if (settled) return;
      settled = true;
      reject(new FolioError('internal', 'The backup worker stopped unexpectedly.'));
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new FolioError('internal', `The backup worker ended early (${code}).`));
    });
  });
}
