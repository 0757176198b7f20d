import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../app/contract/session';
import { call } from '../../api/client';

/** Shown whenever Folio is locked. It shows nothing from any document. */
export function LockScreen({ status, onUnlocked }: { status: SessionStatus; onUnlocked: (status: SessionStatus) => void }) {
  const [userName, setUserName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [vaultSecret, setVaultSecret] = useState('');
  const [useRecovery, setUseRecovery] = useState(status.vaultSecret === 'recovery-code');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsVaultSecret = status.vaultSecret !== 'none';

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    try {
      const extra = !needsVaultSecret ? {} : useRecovery ? { recoveryCode: vaultSecret } : { vaultPassphrase: vaultSecret };
      onUnlocked(await call('session.unlock', { userName, passphrase, ...extra }));
    } catch (unlockError) {
      setError(unlockError instanceof Error ? unlockError.message : 'Unlock failed.');
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="session-card" onSubmit={(event) => void submit(event)} aria-label="Unlock Folio">
      <h2>Folio is locked</h2>
      <label>
        Name
        <input value={userName} autoComplete="username" autoFocus onChange={(event) => setUserName(event.target.value)} required />
      </label>
      <label>
        Passphrase
        <input type="password" value={passphrase} autoComplete="current-password" onChange={(event) => setPassphrase(event.target.value)} required />
      </label>
      {needsVaultSecret && (
        <label>
          {useRecovery ? 'Recovery code' : 'Vault passphrase'}
          <input type={useRecovery ? 'text' : 'password'} value={vaultSecret} onChange={(event) => setVaultSecret(event.target.value)} required />
          {status.vaultSecret === 'passphrase' && (
            <button type="button" className="link" onClick={() => setUseRecovery(!useRecovery)}>
              {useRecovery ? 'Use the vault passphrase' : 'Use the recovery code instead'}
            </button>
          )}
        </label>
      )}
      {error && <p className="notice error">{error}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Unlocking…' : 'Unlock'}
      </button>
    </form>
  );
}
