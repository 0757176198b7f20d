import { useEffect, useState, type FormEvent } from 'react';
import { roleMay, USER_ROLES } from '../../../../app/contract/roles';
import type { Settings, User, UserRoleName } from '../../../../app/contract/session';
import { call } from '../../api/client';
import { ApiTokensSettings } from './ApiTokensSettings';
import { AuditTrailSettings } from './AuditTrailSettings';
import { LocalApiSettings } from './LocalApiSettings';

/**
 * Admin's page: the idle lock, the OCR engine, form templates, the people who may use this
 * workstation, programs' API tokens, and the audit trail. What shows follows the role matrix.
 */
export function SettingsView({ me, onOpenDesigner }: { me: User; /** Present for those who may design form templates. */ onOpenDesigner?: (() => void) | undefined }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [users, setUsers] = useState<User[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const isAdmin = roleMay(me.role, 'change-settings');
  const managesPeople = roleMay(me.role, 'manage-users');

  /** Runs an action and says how it went; an action may return its own success sentence. */
  async function run(action: () => Promise<string | void>, done: string): Promise<void> {
    try {
      const said = await action();
      const text = typeof said === 'string' ? said : done;
      if (text) setMessage({ ok: true, text });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : 'That did not work.' });
    }
  }

  useEffect(() => {
    call('settings.get', {})
      .then(async (loaded) => {
        setSettings(loaded);
        if (managesPeople) setUsers((await call('users.list', {})).users);
      })
      .catch((error: unknown) => setMessage({ ok: false, text: error instanceof Error ? error.message : 'Settings could not be loaded.' }));
  }, [managesPeople]);

  return (
    <section className="settings" aria-label="Settings">
      <h2>Settings</h2>
      {message?.text && <p className={message.ok ? 'notice ok' : 'notice error'}>{message.text}</p>}
      {settings && (
        <div className="settings-group">
          <label>
            Lock after{' '}
            <input
              type="number"
              min={1}
              max={480}
              value={settings.idleLockMinutes}
              disabled={!isAdmin}
              onChange={(event) => setSettings({ ...settings, idleLockMinutes: Number(event.target.value) })}
            />{' '}
            minutes without activity
          </label>
          <label>
            OCR engine{' '}
            <select
              value={settings.ocrEngine}
              disabled={!isAdmin}
              onChange={(event) => setSettings({ ...settings, ocrEngine: event.target.value as Settings['ocrEngine'] })}
            >
              <option value="auto">Automatic (system Tesseract when installed)</option>
              <option value="tesseract-cli">System Tesseract</option>
              <option value="tesseract-js">Bundled Tesseract (WebAssembly)</option>
            </select>{' '}
            <span className="muted small">now reading with {settings.activeEngine}</span>
          </label>
          <label>
            Watch folder{' '}
            <input
              className="wide"
              placeholder="Full path of the folder your scanner saves to (empty: off)"
              value={settings.watchFolder ?? ''}
              disabled={!isAdmin}
              onChange={(event) => setSettings({ ...settings, watchFolder: event.target.value === '' ? null : event.target.value })}
            />
          </label>
          {isAdmin && (
            <button
              type="button"
              className="primary"
              onClick={() =>
                void run(async () => {
                  setSettings(
                    await call('settings.update', {
                      idleLockMinutes: settings.idleLockMinutes,
                      ocrEngine: settings.ocrEngine,
                      watchFolder: settings.watchFolder?.trim() || null,
                    }),
                  );
                }, 'Settings saved.')
              }
            >
              Save settings
            </button>
          )}
        </div>
      )}
      {settings && <CodeSetsSettings settings={settings} isAdmin={isAdmin} onSaved={setSettings} run={run} />}
      {roleMay(me.role, 'verify-audit') && <AuditTrailSettings run={run} />}
      {onOpenDesigner && (
        <div className="settings-group" aria-label="Form templates">
          <h3>Form templates</h3>
          <p className="muted small">
            Teach Folio a form of your own (an intake form, a consent, a trial’s CRF, a packing slip): choose a blank copy as the sample, draw where each value goes, test it on a filled copy and save. Pages are read box by box with it from then on.
          </p>
          <button type="button" onClick={onOpenDesigner}>
            Open the form designer
          </button>
        </div>
      )}
      {isAdmin && <BackupSettings run={run} />}
      {managesPeople && <UsersAdmin users={users} onChanged={(next) => setUsers(next)} run={run} />}
      {managesPeople && (
        <ApiTokensSettings users={users} run={run}>
          {settings && isAdmin && <LocalApiSettings settings={settings} onSaved={setSettings} run={run} />}
        </ApiTokensSettings>
      )}
    </section>
  );
}

function UsersAdmin({
  users,
  onChanged,
  run,
}: {
  users: User[];
  onChanged: (users: User[]) => void;
  run: (action: () => Promise<string | void>, done: string) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRoleName>('reviewer');
  const [passphrase, setPassphrase] = useState('');
  const reload = async (): Promise<void> => onChanged((await call('users.list', {})).users);

  function create(event: FormEvent): void {
    event.preventDefault();
    void run(async () => {
      await call('users.create', { name, role, passphrase });
      setName('');
      setPassphrase('');
      await reload();
    }, 'User added.');
  }

  return (
    <div className="settings-group">
      <h3>People</h3>
      <table className="users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>
                <select aria-label={`Role of ${user.name}`} value={user.role} onChange={(event) => void run(async () => {
                  await call('users.update', { userId: user.id, role: event.target.value as UserRoleName });
                  await reload();
                }, 'Role changed.')}>
                  {USER_ROLES.map((option) => (
                    <option key={option}>{option}</option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" onClick={() => void run(async () => {
                  await call('users.update', { userId: user.id, disabled: !user.disabled });
                  await reload();
                }, user.disabled ? 'Profile enabled.' : 'Profile disabled.')}>
                  {user.disabled ? 'Enable' : 'Disable'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="add-user" onSubmit={create} aria-label="Add a person">
        <input placeholder="Name" value={name} onChange={(event) => setName(event.target.value)} required />
        <select aria-label="Role" value={role} onChange={(event) => setRole(event.target.value as UserRoleName)}>
          {USER_ROLES.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
        <input type="password" placeholder="First passphrase (8+ characters)" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} required />
        <button type="submit">Add</button>
      </form>
    </div>
  );
}

/** Which code-set releases the checks use, and loading a newer CDC or CMS file. */
function CodeSetsSettings({
  settings,
  isAdmin,
  onSaved,
  run,
}: {
  settings: Settings;
  isAdmin: boolean;
  onSaved: (settings: Settings) => void;
  run: (action: () => Promise<string | void>, done: string) => Promise<void>;
}) {
  const [icd10Path, setIcd10Path] = useState(settings.icd10File?.path ?? '');
  const [icd10Release, setIcd10Release] = useState(settings.icd10File?.release ?? '');
  return (
    <div className="settings-group" aria-label="Code sets">
      <h3>Code sets</h3>
      <ul className="code-sets">
        {(settings.codeSets ?? []).map((release) => (
          <li key={release.system}>
            {release.system} {release.release} <span className="muted small">({release.source})</span>
          </li>
        ))}
      </ul>
      {isAdmin && (
        <div className="add-user">
          <input className="wide" placeholder="Full path of a newer CDC ICD-10-CM order file" value={icd10Path} onChange={(event) => setIcd10Path(event.target.value)} />
          <input placeholder="Release, e.g. FY2026" value={icd10Release} onChange={(event) => setIcd10Release(event.target.value)} />
          <button
            type="button"
            onClick={() =>
              void run(async () => {
                onSaved(await call('settings.update', { icd10File: icd10Path.trim() ? { path: icd10Path.trim(), release: icd10Release } : null }));
              }, icd10Path.trim() ? 'ICD-10-CM release loaded.' : 'Back to the shipped ICD-10-CM release.')
            }
          >
            {icd10Path.trim() ? 'Load release' : 'Use shipped release'}
          </button>
        </div>
      )}
    </div>
  );
}

/** An encrypted backup file, written where the admin says (an external disk, a share). */
function BackupSettings({ run }: { run: (action: () => Promise<string | void>, done: string) => Promise<void> }) {
  const [destination, setDestination] = useState('');
  return (
    <div className="settings-group" aria-label="Backup">
      <h3>Backup</h3>
      <p className="muted small">
        The backup is encrypted with the vault key. To restore it on another computer you need the recovery code (or the
        vault passphrase).
      </p>
      <div className="add-user">
        <input className="wide" placeholder="Full path of the backup file to write, e.g. /media/usb/folio-2026-11-25.fbak" value={destination} onChange={(event) => setDestination(event.target.value)} />
        <button
          type="button"
          disabled={destination.trim() === ''}
          onClick={() =>
            void run(async () => {
              const result = await call('vault.backup', { destination: destination.trim() });
              setDestination('');
              return `Backup written: ${Math.round(result.bytes / 1024)} KiB.`;
            }, '')
          }
        >
          Back up now
        </button>
      </div>
    </div>
  );
}
