import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiTokenScopeSchema, type ApiToken, type ApiTokenScope } from '../../../../app/contract/api-tokens';
import type { User } from '../../../../app/contract/session';
import { call } from '../../api/client';

type Run = (action: () => Promise<string | void>, done: string) => Promise<void>;

const SCOPE_LABELS: Record<ApiTokenScope, string> = {
  read: 'read (lists, documents, search; changes nothing)',
  write: 'write (also imports, edits and approves)',
};

/**
 * Named API tokens for programs on this computer (an EHR bridge, a script): an admin creates
 * one for a profile with a scope, copies its secret from the one answer that carries it, and
 * revokes it when the program is retired. Folio keeps only a hash, so a lost token is revoked
 * and replaced, never shown again.
 */
export function ApiTokensSettings({ users, run, children }: { users: User[]; run: Run; /** Where programs reach the API (the desktop app's setting). */ children?: ReactNode }) {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [userId, setUserId] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const reload = async (): Promise<void> => setTokens((await call('tokens.list', {})).tokens);

  useEffect(() => {
    // Loaded once when the page opens; every change below reloads it.
    void run(reload, '');
  }, []);

  const active = users.filter((user) => !user.disabled);
  const nameOf = (id: string): string => users.find((user) => user.id === id)?.name ?? 'a removed profile';

  function create(event: FormEvent): void {
    event.preventDefault();
    void run(async () => {
      const answer = await call('tokens.create', { name, scope, ...(userId ? { userId } : {}) });
      setCreated({ name: answer.apiToken.name, secret: answer.token });
      setCopied(null);
      setName('');
      await reload();
    }, 'API token created. Copy it now: Folio will not show it again.');
  }

  async function copySecret(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // The clipboard can be refused (no focus, a locked-down browser): the token stays selectable.
      setCopied('no');
    }
  }

  function revoke(token: ApiToken): void {
    setConfirming(null);
    void run(async () => {
      await call('tokens.revoke', { tokenId: token.id });
      await reload();
    }, `API token “${token.name}” revoked: programs using it are refused from now on.`);
  }

  return (
    <div className="settings-group" role="group" aria-label="API tokens">
      <h3>API tokens</h3>
      <p className="muted small">
        A program on this computer calls Folio’s local API with a token, as the profile it was made for and never beyond that
        profile’s current role. It works only while Folio is unlocked.
      </p>
      {children}
      {created && (
        <div className="notice ok" role="region" aria-label="New API token">
          <p>
            The token for “{created.name}”. Copy it into the program now: it is shown this once, and Folio keeps only a fingerprint
            of it.
          </p>
          <input className="wide" readOnly aria-label="New API token secret" value={created.secret} onFocus={(event) => event.target.select()} />{' '}
          <button type="button" onClick={() => void copySecret(created.secret)}>
            Copy
          </button>{' '}
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
          {copied === 'yes' && <span className="muted small"> Copied.</span>}
          {copied === 'no' && <span className="muted small"> The clipboard refused: select the token and copy it.</span>}
        </div>
      )}
      <table className="users" aria-label="API tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>Acts as</th>
            <th>Scope</th>
            <th>Last used</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-token-name={token.name}>
              <td>{token.name}</td>
              <td>{nameOf(token.userId)}</td>
              <td>{token.scope}</td>
              <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : 'never'}</td>
              <td>
                {token.revokedAt ? (
                  `revoked ${new Date(token.revokedAt).toLocaleString()}`
                ) : confirming === token.id ? (
                  <>
                    Revoke “{token.name}”? Programs using it stop working.{' '}
                    <button type="button" onClick={() => revoke(token)}>
                      Yes, revoke
                    </button>{' '}
                    <button type="button" onClick={() => setConfirming(null)}>
                      Keep it
                    </button>
                  </>
                ) : (
                  <button type="button" onClick={() => setConfirming(token.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
          {tokens.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No API tokens yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <form className="add-user" onSubmit={create} aria-label="Create an API token">
        <input placeholder="Token name, e.g. EHR bridge" aria-label="Token name" value={name} maxLength={80} onChange={(event) => setName(event.target.value)} required />
        <select aria-label="Acts as" value={userId} onChange={(event) => setUserId(event.target.value)}>
          <option value="">me</option>
          {active.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.role})
            </option>
          ))}
        </select>
        <select aria-label="Scope" value={scope} onChange={(event) => setScope(ApiTokenScopeSchema.parse(event.target.value))}>
          {ApiTokenScopeSchema.options.map((option) => (
            <option key={option} value={option}>
              {SCOPE_LABELS[option]}
            </option>
          ))}
        </select>
        <button type="submit">Create token</button>
      </form>
    </div>
  );
}
