import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { logger } from '../log/logger';
import { ANCHOR_SECRET_BYTES, type AuditAnchorKeys } from './audit-anchor-keys';
import type { VaultDatabase } from './database';
import { syncDirectory } from './durable-files';
import { writeKeyFile, type KeyFile } from './key-file';
import { normalizeRecoveryCode, unwrapKey, wrapKey, type ScryptParams } from './key-wrap';
import { SecretStoreUnavailable, type SecretStore } from './secret-store';

const log = logger('audit-anchor');

/**
 * The audit anchor: a secret the database does not hold, so that holding the vault key (the
 * vault passphrase, the recovery code, a copy of the database and its key file, a backup) is
 * not enough to rewrite history. Where the vault key lives in the OS keychain, the anchor has a
 * keychain entry of its own; where there is no keychain, a file of its own beside the key file
 * (owner-only), never the key file and never a backup. At setup it is also wrapped under the
 * recovery code in the key file, so a restore with the recovery code brings it back.
 *
 * What it does not stop: whoever can act as the operating-system account that runs Folio can
 * read the keychain entry or the anchor file, and with the vault key rewrite and reseal rows
 * written since the last audit export an auditor kept. The README says so.
 */
export const ANCHOR_ACCOUNT_PREFIX = 'audit-anchor:';
/** The sealed head is written to disk durably every this many rows (and at close); in between, renamed into place. */
const HEAD_SYNC_EVERY = 64;

/**
 * The anchor record, in its keychain entry or its file: the secret, and the first row it seals
 * (kept with the secret, not only in the head file, so deleting the head and the seals cannot
 * quietly move the start of the sealed trail forward).
 */
const AnchorRecordSchema = z.object({ format: z.literal(1), vaultId: z.string(), secret: z.string().min(1), from: z.number().int().positive().nullable() });
export interface AnchorRecord {
  secret: Buffer;
  from: number | null;
}
const HeadFileSchema = z.object({
  format: z.literal(1),
  vaultId: z.string(),
  from: z.number().int().positive(),
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]*$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SealedHead = z.infer<typeof HeadFileSchema>;

export function anchorFileFor(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), `${path.parse(databaseFile).name}.anchor.json`);
}

export function headFileFor(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), `${path.parse(databaseFile).name}.audit-head.json`);
}

function anchorSlot(vaultId: string): string {
  return `folio-vault:${vaultId}:audit-anchor`;
}

/** The anchor secret wrapped under a recovery code, as the key file keeps it (`anchorRecovery`). */
export function wrapAnchorForRecovery(secret: Buffer, recoveryCode: string, scrypt: ScryptParams, vaultId: string): ReturnType<typeof wrapKey> {
  return wrapKey(secret, recoveryCode, scrypt, anchorSlot(vaultId));
}

/** Where the anchor secret is kept: the keychain (its own entry) or the anchor file. */
export class AuditAnchorStore {
  constructor(
    private readonly databaseFile: string,
    private readonly secrets: SecretStore,
  ) {}

  /** The anchor of this vault, or null when this computer holds none (a new install, a restore without the recovery code). */
  async load(keyFile: KeyFile): Promise<AnchorRecord | null> {
    let text: string | null = null;
    if (keyFile.keychain) {
      try {
        text = await this.secrets.get(`${ANCHOR_ACCOUNT_PREFIX}${keyFile.vaultId}`);
      } catch (error) {
        if (!(error instanceof SecretStoreUnavailable)) throw error;
      }
    }
    text ??= readText(anchorFileFor(this.databaseFile));
    const record = text === null ? null : parseJson(text, AnchorRecordSchema);
    return record && record.vaultId === keyFile.vaultId ? { secret: Buffer.from(record.secret, 'base64'), from: record.from } : null;
  }

  /**
   * A new secret, kept where `load` finds it. With the recovery code (at setup), a copy wrapped
   * under it goes into the key file, for a restore on another computer.
   */
  async create(keyFileCopy: { path: string; content: KeyFile }, recovery?: { code: string; scrypt: ScryptParams }): Promise<Buffer> {
    const secret = randomBytes(ANCHOR_SECRET_BYTES);
    await this.keep(keyFileCopy.content, { secret, from: null });
    if (recovery) {
      const wrapped = await wrapAnchorForRecovery(secret, recovery.code, recovery.scrypt, keyFileCopy.content.vaultId);
      writeKeyFile(keyFileCopy.path, { ...keyFileCopy.content, anchorRecovery: wrapped });
    }
    return secret;
  }

  /** Records the first row a new anchor seals, once the vault it seals is open. */
  async setFrom(keyFile: KeyFile, from: number): Promise<void> {
    const record = await this.load(keyFile);
    if (!record || record.from !== null) return;
    await this.keep(keyFile, { secret: record.secret, from });
    record.secret.fill(0);
  }

  /** After a restore with the recovery code: the anchor comes back with it, where the key file has a copy. */
  async recover(keyFile: KeyFile, recoveryCode: string): Promise<boolean> {
    const code = normalizeRecoveryCode(recoveryCode);
    if (!keyFile.anchorRecovery || code === null) return false;
    const secret = await unwrapKey(keyFile.anchorRecovery, code, anchorSlot(keyFile.vaultId));
    if (!secret) return false;
    await this.keep(keyFile, { secret, from: null });
    secret.fill(0);
    return true;
  }

  private async keep(keyFile: KeyFile, record: AnchorRecord): Promise<void> {
    const text = JSON.stringify({ format: 1, vaultId: keyFile.vaultId, secret: record.secret.toString('base64'), from: record.from });
    if (keyFile.keychain) {
      const account = `${ANCHOR_ACCOUNT_PREFIX}${keyFile.vaultId}`;
      try {
        await this.secrets.set(account, text);
        if ((await this.secrets.get(account)) === text) return;
      } catch (error) {
        if (!(error instanceof SecretStoreUnavailable)) throw error;
      }
      log.warn('the keychain did not keep the audit anchor; keeping it in its own file');
    }
    writeAtomically(anchorFileFor(this.databaseFile), text, true);
  }
}

/** How a head file read back: absent, sealed by this anchor, or not (forged, or another anchor's). */
export type HeadState = { status: 'absent' } | { status: 'sealed'; head: SealedHead } | { status: 'forged'; head: SealedHead | null };

/**
 * Seals rows as the trail appends them and keeps the sealed head outside the database. The head
 * file is rewritten after each append (read back from the database, so a rolled-back append is
 * never claimed), renamed into place, and fsynced every few dozen rows and at close.
 */
export class AuditSealer {
  private pendingHead = false;
  private writes = 0;

  constructor(
    readonly keys: AuditAnchorKeys,
    private readonly headFile: string,
    /** The first row sealed under this anchor: rows before it are covered by the chain alone. */
    readonly from: number,
    /** False when the head file on disk was not sealed by this anchor: it is kept as evidence, never overwritten. */
    private readonly headWritable: boolean,
  ) {}

  seal(seq: number, hash: Buffer): Buffer {
    return this.keys.seal(seq, hash);
  }

  readHead(): HeadState {
    return readHeadFile(this.headFile, this.keys);
  }

  /** After an append: once the current (possibly enclosing) transaction has ended, the committed head goes to disk. */
  scheduleHead(db: VaultDatabase): void {
    if (!this.headWritable || this.pendingHead) return;
    this.pendingHead = true;
    queueMicrotask(() => {
      this.pendingHead = false;
      this.writeHead(db, false);
    });
  }

  writeHead(db: VaultDatabase, durable: boolean): void {
    if (!this.headWritable || !db.open) return;
    const row = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: Buffer } | undefined;
    if (!row) return;
    const body = { format: 1 as const, vaultId: this.keys.vaultId, from: this.from, seq: row.seq, hash: row.hash.toString('hex') };
    this.writes += 1;
    writeAtomically(this.headFile, JSON.stringify({ ...body, mac: this.keys.headMac(body).toString('hex') }), durable || this.writes % HEAD_SYNC_EVERY === 0);
  }
}

export function readHeadFile(file: string, keys: AuditAnchorKeys): HeadState {
  if (!fs.existsSync(file)) return { status: 'absent' };
  const head = readJson(file, HeadFileSchema);
  if (!head || head.vaultId !== keys.vaultId) return { status: 'forged', head };
  const expected = keys.headMac(head).toString('hex');
  return expected === head.mac ? { status: 'sealed', head } : { status: 'forged', head };
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | null {
  const text = readText(file);
  return text === null ? null : parseJson(text, schema);
}

/** Written beside its final name and renamed over it: a crash leaves the old file or the new one. */
function writeAtomically(file: string, text: string, durable: boolean): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  if (durable) syncDirectory(path.dirname(file));
}

/** Why the trail starts a new sealed stretch: a new anchor (new vault, older vault, restore without the recovery code), or a head file that was missing. */
export type AnchorStart = 'new-anchor' | 'head-rebuilt';

/**
 * The sealer for a vault just opened. A head sealed by this anchor carries on; one that is not
 * is left on disk untouched for Verify to report; a missing one starts a new sealed stretch
 * (from the first sealed row when the anchor is the one that sealed them, else from the next
 * row), which the caller records in the trail itself.
 */
export function attachSealer(
  db: VaultDatabase,
  keys: AuditAnchorKeys,
  headFile: string,
  anchor: { created: boolean; from: number | null },
): { sealer: AuditSealer; start: AnchorStart | null } {
  const state = readHeadFile(headFile, keys);
  const lastSeq = (db.prepare('SELECT seq FROM audit_head WHERE id = 1').get() as { seq: number } | undefined)?.seq ?? 0;
  if (state.status === 'sealed') {
    // The database no longer ends where the sealed head says (rows cut off, or rewritten): keep the
    // head as it is, for Verify to name, instead of sealing over the evidence.
    const row = db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(state.head.seq) as { hash: Buffer } | undefined;
    const intact = state.head.seq === 0 || row?.hash.toString('hex') === state.head.hash;
    return { sealer: new AuditSealer(keys, headFile, anchor.from ?? state.head.from, intact), start: null };
  }
  if (state.status === 'forged') {
    log.warn('the sealed audit head does not match this vault’s anchor; leaving it for Verify');
    return { sealer: new AuditSealer(keys, headFile, anchor.from ?? state.head?.from ?? lastSeq + 1, false), start: null };
  }
  const firstSealed = (db.prepare('SELECT min(seq) AS seq FROM audit_seals').get() as { seq: number | null }).seq;
  const from = anchor.from ?? (anchor.created || firstSealed === null ? lastSeq + 1 : firstSealed);
  return { sealer: new AuditSealer(keys, headFile, from, true), start: anchor.created ? 'new-anchor' : 'head-rebuilt' };
}
