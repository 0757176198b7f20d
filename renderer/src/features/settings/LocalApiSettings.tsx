import { useState } from 'react';
import { TokenApiPortSchema, type Settings } from '../../../../app/contract/session';
import { call } from '../../api/client';

type Run = (action: () => Promise<string | void>, done: string) => Promise<void>;

/** A port in the private range, unlikely to be another program's. */
const SUGGESTED_PORT = 47615;

/**
 * Whether the desktop app serves programs' API-token calls, and on which loopback port (off
 * unless an admin turns it on; each change is a row in the audit trail). Browser mode serves
 * token calls at its own address, so there the setting waits for the desktop app.
 */
export function LocalApiSettings({ settings, onSaved, run }: { settings: Settings; onSaved: (settings: Settings) => void; run: Run }) {
  const [port, setPort] = useState(String(settings.tokenApiPort ?? SUGGESTED_PORT));
  const on = settings.tokenApiPort !== null;
  const parsed = TokenApiPortSchema.safeParse(Number(port));

  function save(next: number | null): void {
    void run(async () => {
      onSaved(await call('settings.update', { tokenApiPort: next }));
    }, next === null ? 'The local API for programs is off.' : `Programs with an API token may call Folio at http://127.0.0.1:${next}.`);
  }

  return (
    <div className="add-user" role="group" aria-label="Local API for programs">
      <label>
        Local API port{' '}
        <input type="number" min={1024} max={65535} aria-label="Local API port" value={port} onChange={(event) => setPort(event.target.value)} />
      </label>
      {on ? (
        <>
          {Number(port) !== settings.tokenApiPort && (
            <button type="button" disabled={!parsed.success} onClick={() => parsed.success && save(parsed.data)}>
              Move to this port
            </button>
          )}
          <button type="button" onClick={() => save(null)}>
            Turn the local API off
          </button>
        </>
      ) : (
        <button type="button" disabled={!parsed.success} onClick={() => parsed.success && save(parsed.data)}>
          Turn the local API on
        </button>
      )}
      <span className="muted small" role="status">
        {settings.tokenApiServing
          ? `Serving token calls at http://127.0.0.1:${settings.tokenApiServing} (this computer only).`
          : on
            ? `On for the desktop app at port ${settings.tokenApiPort}; browser mode serves token calls at its own address.`
            : 'Off: the desktop app serves no API to programs.'}
      </span>
    </div>
  );
}
