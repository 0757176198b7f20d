import { z } from 'zod';
import { method } from './define';

/**
 * Named API tokens: how a program on this computer calls the local API (browser mode's HTTP
 * host). An admin creates one for a profile, with a scope, and can revoke it; Folio keeps only
 * its hash. A call made with a token acts as that profile, with that profile's role as it is
 * at the moment of the call, limited further by the scope, and only while the workstation is
 * unlocked (a token opens no vault).
 */
export const ApiTokenScopeSchema = z.enum(['read', 'write']);
export type ApiTokenScope = z.infer<typeof ApiTokenScopeSchema>;

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: ApiTokenScopeSchema,
  userId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const apiTokenMethods = {
  'tokens.list': method({ input: z.object({}).strict(), output: z.object({ tokens: z.array(ApiTokenSchema) }) }),
  /** The token itself is in this answer once and never again. */
  'tokens.create': method({
    input: z
      .object({
        name: z.string().trim().min(1).max(80),
        scope: ApiTokenScopeSchema,
        /** The profile the token acts as; the admin creating it when absent. */
        userId: z.string().min(1).max(64).optional(),
      })
      .strict(),
    output: z.object({ token: z.string(), apiToken: ApiTokenSchema }),
  }),
  'tokens.revoke': method({ input: z.object({ tokenId: z.string().min(1).max(64) }).strict(), output: ApiTokenSchema }),
} as const;

/** Methods a `read` token may call: they change nothing (no document, setting, mark or person). */
export const READ_SCOPE_METHODS: ReadonlySet<string> = new Set([
  'session.status',
  'documents.list',
  'documents.get',
  'documents.history',
  'search.query',
  'settings.get',
  'templates.list',
  'templates.get',
  'audit.verify',
  'audit.recent',
  'users.list',
]);

/**
 * Methods no token may call, whatever its scope: the session itself (a program must not lock,
 * unlock or restore the workstation a person sits at), passphrases, people and tokens.
 */
export const NEVER_BY_TOKEN: ReadonlySet<string> = new Set([
  'session.setup',
  'session.unlock',
  'session.lock',
  'session.touch',
  'vault.restore',
  'users.create',
  'users.update',
  'users.changePassphrase',
  'users.resetPassphrase',
  'tokens.list',
  'tokens.create',
  'tokens.revoke',
]);

/** Whether a token of `scope` may call `method`. Anything not known to only read needs `write`. */
export function tokenMayCall(scope: ApiTokenScope, method: string): boolean {
  if (NEVER_BY_TOKEN.has(method)) return false;
  return scope === 'write' || READ_SCOPE_METHODS.has(method);
}
