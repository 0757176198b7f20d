import { createHash, createHmac, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/** The anchor secret: 256 random bits, kept outside the database (see audit-anchor.ts). */
export const ANCHOR_SECRET_BYTES = 32;

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): fixed bytes, then the 32-byte seed.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * What the audit anchor's secret gives: a MAC key for the trail's seals and sealed head, and an
 * Ed25519 key pair that signs audit exports. Both are derived from the one secret, for this vault
 * only, so the keychain entry (or anchor file) holds one value and a second vault's anchor can
 * never vouch for this one's trail. The public key's fingerprint is what an auditor pins.
 */
export class AuditAnchorKeys {
  private readonly sealKey: Buffer;
  private readonly signingKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly fingerprint: string;

  constructor(
    secret: Buffer,
    readonly vaultId: string,
  ) {
    this.sealKey = derive(secret, `folio-audit-seal:${vaultId}`);
    const seed = derive(secret, `folio-audit-sign:${vaultId}`);
    this.signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    seed.fill(0);
    this.publicKey = createPublicKey(this.signingKey);
    this.fingerprint = publicKeyFingerprint(this.publicKey);
  }

  /** A row's seal: binds its place in the trail to its hash (which covers its content and the chain). */
  seal(seq: number, hash: Buffer): Buffer {
    return createHmac('sha256', this.sealKey).update(`row:${seq}:`).update(hash).digest();
  }

  sealMatches(seq: number, hash: Buffer, mac: Buffer): boolean {
    return safeEqual(this.seal(seq, hash), mac);
  }

  /** The sealed head: the last row, and the row sealing started from. */
  headMac(head: { from: number; seq: number; hash: string }): Buffer {
    return createHmac('sha256', this.sealKey).update(`head:${head.from}:${head.seq}:${head.hash}`).digest();
  }

  sign(data: Buffer): Buffer {
    return sign(null, data, this.signingKey);
  }

  /** The public key as it travels in an export: SPKI DER, base64. */
  publicKeyBase64(): string {
    return this.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  }
}

/** SHA-256 of the SPKI bytes, hex in groups of four: short enough to read over the phone. */
export function publicKeyFingerprint(key: KeyObject): string {
  const digest = createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 32);
  return digest.match(/.{4}/g)?.join('-') ?? digest;
}

/** Checks an Ed25519 signature made by `sign` above, with a public key from an export. */
export function signatureMatches(publicKeyBase64: string, data: Buffer, signature: Buffer): { ok: boolean; fingerprint: string | null } {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { ok: false, fingerprint: null };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { ok: false, fingerprint: null };
  let ok = false;
  try {
    ok = verify(null, data, key, signature);
  } catch {
    ok = false;
  }
  return { ok, fingerprint: publicKeyFingerprint(key) };
}

function derive(secret: Buffer, label: string): Buffer {
  return createHmac('sha256', secret).update(label).digest();
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
