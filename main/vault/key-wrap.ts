import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * scrypt cost. N = 2^17, r = 8, p = 1 is OWASP's current recommendation for password storage:
 * 128 MiB and a few hundred milliseconds per attempt, which is what makes a stolen key file or
 * users table expensive to guess against. Tests pass cheaper parameters; whatever was used is
 * recorded beside the result, so a later change of defaults never strands old data.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** Bounds for parameters read back from disk: a doctored file must not make us allocate 64 GiB. */
export const ScryptParamsSchema = z.object({
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 22)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});

export const KEY_BYTES = 32;
const SALT_BYTES = 16;
const IV_BYTES = 12;

export async function scryptKey(secret: string, salt: Buffer, params: ScryptParams, length = KEY_BYTES): Promise<Buffer> {
  // NFKC so the same passphrase typed on two keyboards (composed vs decomposed accents) matches.
  const normalized = secret.normalize('NFKC');
  const maxmem = 128 * params.N * params.r * params.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, length, { ...params, maxmem }, (error, derived) => {
      if (error) reject(error);
      else resolve(derived);
    });
  });
}

export const WrappedKeySchema = z.object({
  kdf: z.literal('scrypt'),
  params: ScryptParamsSchema,
  salt: z.string().min(1),
  cipher: z.literal('aes-256-gcm'),
  iv: z.string().min(1),
  tag: z.string().min(1),
  ciphertext: z.string().min(1),
});
export type WrappedKey = z.infer<typeof WrappedKeySchema>;

/**
 * Encrypts the vault key under a secret a person holds. `context` is bound in as associated
 * data (vault id and slot name), so a wrapped key cannot be moved to another slot or vault.
 */
export async function wrapKey(key: Buffer, secret: string, params: ScryptParams, context: string): Promise<WrappedKey> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const kek = await scryptKey(secret, salt, params);
  try {
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(key), cipher.final()]);
    return {
      kdf: 'scrypt',
      params: { N: params.N, r: params.r, p: params.p },
      salt: salt.toString('base64'),
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  } finally {
    kek.fill(0);
  }
}

/** Returns the key, or null when the secret is wrong (GCM tag mismatch); never a partial key. */
export async function unwrapKey(wrapped: WrappedKey, secret: string, context: string): Promise<Buffer | null> {
  const kek = await scryptKey(secret, Buffer.from(wrapped.salt, 'base64'), wrapped.params);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

/**
 * A value derived from the key that says "this is the key of this vault" without revealing
 * it, so a wrong key from the keychain is refused before SQLite ever sees it.
 */
export function keyCheck(key: Buffer, vaultId: string): string {
  return createHmac('sha256', key).update(`folio-vault-key-check:${vaultId}`).digest('base64');
}

export function keyMatches(key: Buffer, vaultId: string, expected: string): boolean {
  const actual = Buffer.from(keyCheck(key, vaultId), 'base64');
  const wanted = Buffer.from(expected, 'base64');
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_GROUPS = 6;
const GROUP_LENGTH = 4;
const RECOVERY_CHARS = RECOVERY_GROUPS * GROUP_LENGTH;

/** 24 symbols of 5 bits: 120 bits, far beyond guessing even before scrypt's cost. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(RECOVERY_CHARS);
  let code = '';
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  for (const byte of bytes) code += CROCKFORD[byte % 32];
  return formatRecoveryCode(code);
}

export function formatRecoveryCode(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP_LENGTH) groups.push(symbols.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}

/**
 * What a person typed, reduced to the canonical symbols: case, spaces and dashes do not
 * matter, and the letters Crockford folds (O→0, I/L→1) are folded. Null when it cannot be a
 * recovery code at all (wrong length or a foreign character), so the UI can say "mistyped".
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const symbols = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== RECOVERY_CHARS) return null;
  for (const symbol of symbols) if (!CROCKFORD.includes(symbol)) return null;
  return formatRecoveryCode(symbols);
}
