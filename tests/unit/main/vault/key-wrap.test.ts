import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ScryptParamsSchema,
  generateRecoveryCode,
  keyCheck,
  keyMatches,
  normalizeRecoveryCode,
  unwrapKey,
  wrapKey,
} from '../../../../main/vault/key-wrap';

const CHEAP = { N: 2 ** 14, r: 8, p: 1 };

describe('recovery codes', () => {
  it('are six groups of four Crockford base32 symbols, different every time', () => {
    const codes = new Set(Array.from({ length: 50 }, () => generateRecoveryCode()));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
  });

  it('read back the way people type them: any case, spaces or none, O for 0 and I or L for 1', () => {
    expect(normalizeRecoveryCode('0123-4567-89ab-cdef-ghjk-mnpq')).toBe('0123-4567-89AB-CDEF-GHJK-MNPQ');
    expect(normalizeRecoveryCode(' o1l3 4567 89AB CDEF GHJK MNPQ ')).toBe('0113-4567-89AB-CDEF-GHJK-MNPQ');
    expect(normalizeRecoveryCode('0123456789ABCDEFGHJKMNPQ')).toBe('0123-4567-89AB-CDEF-GHJK-MNPQ');
  });

  it('refuse what cannot be a code: wrong length or a letter outside the alphabet', () => {
    expect(normalizeRecoveryCode('0123-4567-89AB-CDEF-GHJK')).toBeNull();
    expect(normalizeRecoveryCode('0123-4567-89AB-CDEF-GHJK-MNPU')).toBeNull();
    expect(normalizeRecoveryCode('')).toBeNull();
  });
});

describe('wrapping the vault key', () => {
  it('unwraps with the same secret and context, and with nothing else', async () => {
    const key = randomBytes(32);
    const wrapped = await wrapKey(key, 'a long passphrase', CHEAP, 'vault-a:passphrase');
    expect(wrapped.params).toEqual(CHEAP);
    expect(Buffer.from(wrapped.ciphertext, 'base64').equals(key)).toBe(false);
    expect((await unwrapKey(wrapped, 'a long passphrase', 'vault-a:passphrase'))?.equals(key)).toBe(true);
    expect(await unwrapKey(wrapped, 'a long passphrasE', 'vault-a:passphrase')).toBeNull();
    // Moved to another slot or vault, the same blob no longer opens.
    expect(await unwrapKey(wrapped, 'a long passphrase', 'vault-a:recovery')).toBeNull();
    expect(await unwrapKey(wrapped, 'a long passphrase', 'vault-b:passphrase')).toBeNull();
  });

  it('treats a composed and a decomposed accent as the same passphrase', async () => {
    const key = randomBytes(32);
    const wrapped = await wrapKey(key, 'caf\u00e9 au lait', CHEAP, 'ctx');
    expect((await unwrapKey(wrapped, 'cafe\u0301 au lait', 'ctx'))?.equals(key)).toBe(true);
  });

  it('detects a flipped bit in the ciphertext instead of returning a wrong key', async () => {
    const key = randomBytes(32);
    const wrapped = await wrapKey(key, 'secret secret', CHEAP, 'ctx');
    const bytes = Buffer.from(wrapped.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(await unwrapKey({ ...wrapped, ciphertext: bytes.toString('base64') }, 'secret secret', 'ctx')).toBeNull();
  });

  it('refuses scrypt parameters from a doctored key file before allocating anything', () => {
    expect(ScryptParamsSchema.safeParse({ N: 2 ** 17, r: 8, p: 1 }).success).toBe(true);
    expect(ScryptParamsSchema.safeParse({ N: 2 ** 30, r: 8, p: 1 }).success).toBe(false);
    expect(ScryptParamsSchema.safeParse({ N: 3000, r: 8, p: 1 }).success).toBe(false);
    expect(ScryptParamsSchema.safeParse({ N: 2 ** 10, r: 8, p: 1 }).success).toBe(false);
  });
});

describe('key check value', () => {
  it('matches only the key and vault it was made for, and does not contain the key', () => {
    const key = randomBytes(32);
    const check = keyCheck(key, 'vault-a');
    expect(keyMatches(key, 'vault-a', check)).toBe(true);
    expect(keyMatches(randomBytes(32), 'vault-a', check)).toBe(false);
    expect(keyMatches(key, 'vault-b', check)).toBe(false);
    expect(Buffer.from(check, 'base64').includes(key.subarray(0, 8))).toBe(false);
  });
});
