import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { FolioError } from '../../app/contract/errors';
import type { ApiToken, ApiTokenScope } from '../../app/contract/api-tokens';
import type { AuditLog } from './audit-log';
import type { VaultDatabase } from './database';
import type { UserDirectory, UserProfile } from './users';

/** `folio_pat_<id>_<secret>`: the prefix tells a token from a browser session's, and secret scanners find it. */
const TOKEN_PATTERN = /^folio_pat_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
/** Writing `last_used_at` on every call would be a database write per read: once a minute is enough to answer "still in use?". */
const LAST_USED_RESOLUTION_MS = 60_000;

interface TokenRow {
  id: string;
  name: string;
  scope: ApiTokenScope;
  user_id: string;
  token_hash: Buffer;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Who a token call acts as: the profile, and what the token allows of its role. */
export interface ApiPrincipal {
  tokenId: string;
  userId: string;
  scope: ApiTokenScope;
}

/**
 * Named API tokens, kept as SHA-256 hashes (the secret is 256 random bits, so a plain hash is
 * enough: there is nothing to guess). Creating and revoking is an admin's, and a row in the
 * trail; the token itself is returned once, by `create`.
 */
export class ApiTokenStore {
  constructor(
    private readonly db: VaultDatabase,
    private readonly audit: AuditLog,
    private readonly users: UserDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): ApiToken[] {
    return (this.db.prepare('SELECT * FROM api_tokens ORDER BY created_at, id').all() as TokenRow[]).map(toToken);
  }

  create(actor: UserProfile, input: { name: string; scope: ApiTokenScope; userId?: string | undefined }): { token: string; apiToken: ApiToken } {
    const userId = input.userId ?? actor.id;
    const profile = this.users.get(userId);
    if (!profile || profile.disabled) throw new FolioError('not_found', 'There is no such active profile for the token to act as.');
    const id = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const createdAt = this.now().toISOString();
    this.db
      .transaction(() => {
        this.db
          .prepare('INSERT INTO api_tokens (id, name, scope, user_id, token_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(id, input.name, input.scope, userId, hashOf(secret), createdAt, actor.id);
        this.audit.append(actor.id, { kind: 'api-token', change: 'created', tokenId: id, name: input.name, scope: input.scope, userId });
      })
      .immediate();
    return { token: `folio_pat_${id}_${secret}`, apiToken: this.get(id) };
  }

  revoke(actor: UserProfile, tokenId: string): ApiToken {
    const row = this.row(tokenId);
    if (!row) throw new FolioError('not_found', 'There is no such API token.');
    if (row.revoked_at === null) {
      this.db
        .transaction(() => {
          this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(this.now().toISOString(), tokenId);
          this.audit.append(actor.id, { kind: 'api-token', change: 'revoked', tokenId, name: row.name, scope: row.scope, userId: row.user_id });
        })
        .immediate();
    }
    return this.get(tokenId);
  }

  /** The principal a presented token stands for, or null (unknown, wrong, revoked). */
  authenticate(presented: string): ApiPrincipal | null {
    const match = TOKEN_PATTERN.exec(presented);
    if (!match) return null;
    const [, id, secret] = match as unknown as [string, string, string];
    const row = this.row(id);
    if (!row || row.revoked_at !== null) return null;
    const offered = hashOf(secret);
    if (offered.length !== row.token_hash.length || !timingSafeEqual(offered, row.token_hash)) return null;
    const now = this.now();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
      this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), id);
    }
    return { tokenId: id, userId: row.user_id, scope: row.scope };
  }

  private get(id: string): ApiToken {
    const row = this.row(id);
    if (!row) throw new FolioError('not_found', 'There is no such API token.');
    return toToken(row);
  }

  private row(id: string): TokenRow | undefined {
    return this.db.prepare('SELECT * FROM api_tokens WHERE id = ?').get(id) as TokenRow | undefined;
  }
}

/** Whether a bearer is shaped like a named API token (else it is a browser session's). */
export function looksLikeApiToken(bearer: string): boolean {
  return bearer.startsWith('folio_pat_');
}

function hashOf(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

function toToken(row: TokenRow): ApiToken {
  return { id: row.id, name: row.name, scope: row.scope, userId: row.user_id, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}
