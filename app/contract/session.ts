import { z } from 'zod';
import { apiTokenMethods } from './api-tokens';
import { method } from './define';

export const UserRoleSchema = z.enum(['reviewer', 'supervisor', 'admin']);
export type UserRoleName = z.infer<typeof UserRoleSchema>;

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: UserRoleSchema,
  createdAt: z.string(),
  disabled: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

/**
 * Where the workstation stands. `setup`: first run, no vault yet. `locked`: the vault exists but
 * nobody is signed in (at start, after Lock, or after the idle time). `unlocked`: a person works.
 */
export const SessionStatusSchema = z.object({
  state: z.enum(['setup', 'locked', 'unlocked']),
  /**
   * What, besides a user's passphrase, unlocking needs: nothing (the OS keychain holds the vault
   * key, or the vault is already open), the vault passphrase (no keychain on this machine), or the
   * recovery code (the keychain entry is gone and there is no passphrase).
   */
  vaultSecret: z.enum(['none', 'passphrase', 'recovery-code']),
  /** At setup: whether the OS keychain answered, so the setup screen asks for a vault passphrase only when needed. */
  keychainAvailable: z.boolean(),
  user: UserSchema.nullable(),
  idleLockMinutes: z.number().int().positive(),
  /** Milliseconds to wait before the next unlock attempt after failures. */
  retryAfterMs: z.number().int().nonnegative(),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const OcrEnginePreference = z.enum(['auto', 'tesseract-cli', 'tesseract-js']);

const CodeSetFileSchema = z.object({
  /** Full path of the release file on this computer (CDC order file, CMS HCPCS file; gzip allowed). */
  path: z.string().min(1).max(4096),
  /** The release's name as the person wants to see it, e.g. "FY2026". */
  release: z.string().trim().min(1).max(40),
});

/**
 * The loopback port the desktop app serves programs' API-token calls on, when an admin turns it
 * on (browser mode serves them at its own address). Below 1024 needs privileges Folio never asks for.
 */
export const TokenApiPortSchema = z.number().int().min(1024).max(65535);

export const CodeSetReleaseSchema = z.object({ system: z.string(), release: z.string(), source: z.string() });

export const SettingsSchema = z.object({
  /** Minutes without activity before Folio locks itself (1 to 480). */
  idleLockMinutes: z.number().int().min(1).max(480),
  ocrEngine: OcrEnginePreference,
  /** A folder on this computer where a scanner drops files; new files there are imported. Null: off. */
  watchFolder: z.string().min(1).max(4096).nullable(),
  /** Newer code-set releases loaded by an admin; null: the shipped release. */
  icd10File: CodeSetFileSchema.nullable(),
  hcpcsFile: CodeSetFileSchema.nullable(),
  /** The desktop app's local API for programs with a named API token, on 127.0.0.1 at this port. Null: off (the default). */
  tokenApiPort: TokenApiPortSchema.nullable(),
  /** The port this workstation serves token calls on now; null when it serves none (off, or browser mode, which serves them at its own address). */
  tokenApiServing: z.number().int().nullable().optional(),
  /** The releases the validators check against now, to say so beside every code. */
  codeSets: z.array(CodeSetReleaseSchema).optional(),
  /** The engine actually reading pages now (`auto` resolved). */
  activeEngine: z.enum(['tesseract-cli', 'tesseract-js']).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

const Passphrase = z.string().min(1).max(1024);
const UserName = z.string().trim().min(1).max(80);

export const sessionMethods = {
  ...apiTokenMethods,
  'session.status': method({ input: z.object({}).strict(), output: SessionStatusSchema, public: true }),
  'session.setup': method({
    input: z
      .object({ adminName: UserName, passphrase: Passphrase, vaultPassphrase: Passphrase.optional() })
      .strict(),
    /** The recovery code is shown once, here, and never again. */
    output: z.object({ recoveryCode: z.string(), status: SessionStatusSchema }),
    public: true,
  }),
  'session.unlock': method({
    input: z
      .object({
        userName: UserName,
        passphrase: Passphrase,
        vaultPassphrase: Passphrase.optional(),
        recoveryCode: z.string().max(200).optional(),
      })
      .strict(),
    output: SessionStatusSchema,
    public: true,
  }),
  /** First run on a new computer: bring back a backup instead of starting an empty vault. */
  'vault.restore': method({
    input: z
      .object({
        backupFile: z.string().min(1).max(4096),
        recoveryCode: z.string().max(200).optional(),
        vaultPassphrase: Passphrase.optional(),
      })
      .strict(),
    output: SessionStatusSchema,
    public: true,
  }),
  'vault.backup': method({
    input: z.object({ destination: z.string().min(1).max(4096) }).strict(),
    output: z.object({ file: z.string(), bytes: z.number().int(), createdAt: z.string() }),
  }),
  'session.lock': method({ input: z.object({}).strict(), output: SessionStatusSchema, public: true }),
  /** The UI reports that the person is active (reading a page makes no other call). */
  'session.touch': method({ input: z.object({}).strict(), output: z.object({ ok: z.literal(true) }) }),
  'users.list': method({ input: z.object({}).strict(), output: z.object({ users: z.array(UserSchema) }) }),
  'users.create': method({
    input: z.object({ name: UserName, role: UserRoleSchema, passphrase: Passphrase }).strict(),
    output: UserSchema,
  }),
  'users.update': method({
    input: z
      .object({
        userId: z.string().min(1).max(64),
        role: UserRoleSchema.optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    output: UserSchema,
  }),
  /** The signed-in person's own passphrase, and only with the current one. */
  'users.changePassphrase': method({
    input: z.object({ currentPassphrase: Passphrase, newPassphrase: Passphrase }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  /** An admin sets another person's passphrase (a forgotten one): recorded as a reset, not a change. */
  'users.resetPassphrase': method({
    input: z.object({ userId: z.string().min(1).max(64), passphrase: Passphrase }).strict(),
    output: UserSchema,
  }),
  'settings.get': method({ input: z.object({}).strict(), output: SettingsSchema }),
  'settings.update': method({ input: SettingsSchema.omit({ activeEngine: true, codeSets: true, tokenApiServing: true }).partial().strict(), output: SettingsSchema }),
} as const;
