import { useCallback, useEffect, useState } from 'react';
import type { SessionStatus } from '../../app/contract/session';
import { call, folio, LOCKED_EVENT } from './api/client';
import { LockScreen } from './features/session/LockScreen';
import { RecoveryCodeNotice, SetupScreen } from './features/session/SetupScreen';
import { SettingsView } from './features/settings/SettingsView';
import { DesignerView } from './features/designer/DesignerView';
import { Workspace } from './Workspace';
import { roleMay } from '../../app/contract/roles';

/** Activity reports to the idle lock: reading a page for a while is work too. */
const TOUCH_INTERVAL_MS = 30_000;

/** The session gate: setup on first run, the lock screen while locked, the workspace when signed in. */
export function App() {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'review' | 'settings' | 'designer'>('review');

  const refresh = useCallback(async () => {
    try {
      setStatus(await call('session.status', {}));
      setError(null);
    } catch (statusError) {
      setError(statusError instanceof Error ? statusError.message : 'Folio is not answering.');
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onLocked = (): void => void refresh();
    window.addEventListener(LOCKED_EVENT, onLocked);
    const unsubscribe = folio.on('session.changed', () => void refresh());
    return () => {
      window.removeEventListener(LOCKED_EVENT, onLocked);
      unsubscribe();
    };
  }, [refresh]);

  const unlocked = status?.state === 'unlocked' && recoveryCode === null;
  useEffect(() => {
    if (!unlocked) return;
    let last = 0;
    const onActivity = (): void => {
      const now = Date.now();
      if (now - last < TOUCH_INTERVAL_MS) return;
      last = now;
      call('session.touch', {}).catch(() => undefined);
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity);
    };
  }, [unlocked]);

  async function lock(): Promise<void> {
    try {
      setStatus(await call('session.lock', {}));
    } catch {
      void refresh();
    }
  }

  return (
    <div className="app">
      <header className="app-header">
        <h1>Folio</h1>
        {unlocked && status?.user && (
          <div className="session-bar">
            <button type="button" aria-pressed={view !== 'review'} onClick={() => setView(view === 'review' ? 'settings' : 'review')}>
              {view === 'review' ? 'Settings' : 'Back to documents'}
            </button>
            <span className="muted">
              {status.user.name} · {status.user.role}
            </span>
            <button type="button" onClick={() => void lock()}>
              Lock
            </button>
          </div>
        )}
      </header>
      <main className="app-main">
        {error && <p className="notice error">{error}</p>}
        {status === null && !error && <p className="muted centered">Starting…</p>}
        {recoveryCode !== null && <RecoveryCodeNotice code={recoveryCode} onContinue={() => setRecoveryCode(null)} />}
        {status?.state === 'setup' && recoveryCode === null && (
          <SetupScreen
            status={status}
            onDone={(code) => {
              setRecoveryCode(code);
              void refresh();
            }}
            onRestored={() => void refresh()}
          />
        )}
        {status?.state === 'locked' && <LockScreen status={status} onUnlocked={setStatus} />}
        {unlocked && status?.user && view === 'review' && <Workspace canReopen={status.user.role === 'supervisor'} />}
        {unlocked && status?.user && view === 'settings' && (
          <SettingsView me={status.user} onOpenDesigner={roleMay(status.user.role, 'manage-templates') ? () => setView('designer') : undefined} />
        )}
        {unlocked && status?.user && view === 'designer' && <DesignerView onClose={() => setView('settings')} />}
      </main>
    </div>
  );
}
