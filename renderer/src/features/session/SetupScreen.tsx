import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../app/contract/session';
import { call } from '../../api/client';

/** First run: the admin profile, and a vault passphrase where the computer has no keychain. */
export function SetupScreen({
  status,
  onDone,
  onRestored,
}: {
  status: SessionStatus;
  onDone: (recoveryCode: string) => void;
  onRestored: () => void;
}) {
  const [adminName, setAdminName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (passphrase !== repeat) {
      setError('The two passphrases differ.');
      return;
    }
    setBusy(true);
    try {
      const result = await call('session.setup', {
        adminName,
        passphrase,
        ...(status.keychainAvailable ? {} : { vaultPassphrase }),
      });
      onDone(result.recoveryCode);
    } catch (setupError) {
      setError(setupError instanceof Error ? setupError.message : 'Setup failed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="session-card" onSubmit={(event) => void submit(event)} aria-label="Set up Folio">
      <h2>Set up Folio</h2>
      <p className="muted">
        Documents are stored encrypted on this computer. Create the first profile: it is the admin, who adds the other
        reviewers.
      </p>
      <label>
        Your name
        <input value={adminName} autoComplete="username" onChange={(event) => setAdminName(event.target.value)} required />
      </label>
      <label>
        Passphrase (at least 8 characters)
        <input type="password" value={passphrase} autoComplete="new-password" onChange={(event) => setPassphrase(event.target.value)} required />
      </label>
      <label>
        Passphrase again
        <input type="password" value={repeat} autoComplete="new-password" onChange={(event) => setRepeat(event.target.value)} required />
      </label>
      {!status.keychainAvailable && (
        <label>
          Vault passphrase (at least 10 characters)
          <span className="muted small">This computer has no keychain, so the vault key is protected by this passphrase. Everyone who unlocks Folio here needs it.</span>
          <input type="password" value={vaultPassphrase} autoComplete="new-password" onChange={(event) => setVaultPassphrase(event.target.value)} required />
        </label>
      )}
      {error && <p className="notice error">{error}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Setting up…' : 'Create the vault'}
      </button>
      <RestoreBackup onRestored={onRestored} />
    </form>
  );
}

/** A new computer for an existing practice: bring the vault back from a backup file. */
function RestoreBackup({ onRestored }: { onRestored: () => void }) {
  const [open, setOpen] = useState(false);
  const [backupFile, setBackupFile] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        Restore a backup instead
      </button>
    );
  }
  async function restore(): Promise<void> {
    try {
      // A recovery code is groups of letters and digits; anything else is taken as the vault passphrase.
      const isCode = /^[A-Z0-9]{4,}(-[A-Z0-9]{4,})+$/i.test(secret.trim());
      await call('vault.restore', { backupFile: backupFile.trim(), ...(isCode ? { recoveryCode: secret.trim() } : { vaultPassphrase: secret }) });
      onRestored();
    } catch (restoreError) {
      setError(restoreError instanceof Error ? restoreError.message : 'The backup could not be restored.');
    }
  }
  return (
    <fieldset className="restore">
      <legend>Restore a backup</legend>
      <label>
        Backup file (full path)
        <input value={backupFile} onChange={(event) => setBackupFile(event.target.value)} />
      </label>
      <label>
        Recovery code or vault passphrase
        <input type="password" value={secret} onChange={(event) => setSecret(event.target.value)} />
      </label>
      {error && <p className="notice error">{error}</p>}
      <button type="button" onClick={() => void restore()} disabled={!backupFile.trim() || !secret}>
        Restore
      </button>
    </fieldset>
  );
}

/** The recovery code, shown once: without it a lost keychain entry or passphrase loses the vault. */
export function RecoveryCodeNotice({ code, onContinue }: { code: string; onContinue: () => void }) {
  const [confirmed, setConfirmed] = useState(false);
  return (
    <div className="session-card" role="dialog" aria-label="Recovery code">
      <h2>Write down your recovery code</h2>
      <p>
        If this computer&apos;s keychain entry or the vault passphrase is ever lost, this code is the only way to open the
        vault. Folio shows it <strong>once</strong>. Keep it on paper, somewhere safe, away from this computer.
      </p>
      <p className="recovery-code" data-testid="recovery-code">
        {code}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} /> I have written it down
      </label>
      <button type="button" className="primary" disabled={!confirmed} onClick={onContinue}>
        Continue
      </button>
    </div>
  );
}
