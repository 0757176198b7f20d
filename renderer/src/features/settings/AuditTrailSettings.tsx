import { useState } from 'react';
import type { AuditRow } from '../../../../app/contract/audit';
import { call } from '../../api/client';
import { HistoryItem } from '../review/HistoryPanel';

type Run = (action: () => Promise<string | void>, done: string) => Promise<void>;

/** What each break `audit.verify` can name means, in words a supervisor can act on. */
const PROBLEMS: Record<string, string> = {
  'missing-row': 'a row is missing',
  'chain-broken': 'a row does not follow from the one before it',
  'content-changed': 'a row was changed after it was written',
  truncated: 'rows were cut off the end of the trail',
  'seal-broken': 'a row’s seal is missing or was not made by this workstation’s audit key (the trail was rewritten)',
  'anchor-mismatch': 'the sealed head kept outside the database is not this vault’s (replaced or forged)',
};

type Verdict = { ok: true; rows: number; sealedFrom?: number | undefined } | { ok: false; firstBadSeq: number; problem: string; rowsVerified: number };

/**
 * The audit trail for supervisors and admins: verify it here, export it signed for an auditor,
 * who checks the file on any computer with `folio audit-verify <file> --key <fingerprint>`, and
 * read recent activity.
 */
export function AuditTrailSettings({ run }: { run: Run }) {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const [destination, setDestination] = useState('');
  const [exported, setExported] = useState<{ file: string; rows: number } | null>(null);

  function verify(): void {
    void run(async () => {
      const result = await call('audit.verify', {});
      setVerdict(result);
      if (result.ok && result.fingerprint) setFingerprint(result.fingerprint);
    }, '');
  }

  function exportTrail(): void {
    void run(async () => {
      const result = await call('audit.export', { destination: destination.trim() });
      setFingerprint(result.fingerprint);
      setExported({ file: result.file, rows: result.rows });
      setDestination('');
    }, '');
  }

  return (
    <div className="settings-group" role="group" aria-label="Audit trail">
      <h3>Audit trail</h3>
      <button type="button" onClick={verify}>
        Verify the audit trail
      </button>
      {verdict?.ok === true && (
        <p className="notice ok" role="status">
          The audit trail is intact: {verdict.rows} rows verified
          {verdict.sealedFrom !== undefined && verdict.sealedFrom > 1 ? `, sealed from row ${verdict.sealedFrom} on` : ''}.
        </p>
      )}
      {verdict?.ok === false && (
        <p className="notice error" role="alert" data-problem={verdict.problem}>
          The audit trail is broken at row {verdict.firstBadSeq}: {PROBLEMS[verdict.problem] ?? verdict.problem}. The {verdict.rowsVerified} rows before
          it verify.
        </p>
      )}
      <p className="muted small">
        A signed export lets an auditor check the whole trail on another computer. Give them the file and, separately, the key
        fingerprint below.
      </p>
      <div className="add-user">
        <input
          className="wide"
          aria-label="Audit export file"
          placeholder="Full path of the export file to write, e.g. /media/usb/folio-audit-2026-12.json"
          value={destination}
          onChange={(event) => setDestination(event.target.value)}
        />
        <button type="button" disabled={destination.trim() === ''} onClick={exportTrail}>
          Export the audit trail
        </button>
      </div>
      {exported && (
        <p className="notice ok" role="status" aria-label="Audit export written">
          Signed export written: {exported.rows} rows.
        </p>
      )}
      {fingerprint && (
        <div className="muted small" aria-label="Audit key fingerprint">
          Audit key fingerprint: <code data-testid="audit-fingerprint">{fingerprint}</code>
          <br />
          The auditor runs <code>folio audit-verify {exported ? exported.file : '<export file>'} --key {fingerprint}</code>
        </div>
      )}
      <RecentActivity />
    </div>
  );
}

/**
 * The whole trail, newest first, 50 rows at a time: sign-ins, locks, people and settings
 * changed, backups, and every document's events. Shown only when asked for (it names patients).
 */
function RecentActivity() {
  const [entries, setEntries] = useState<AuditRow[] | null>(null);
  const [more, setMore] = useState(true);
  const [error, setError] = useState<string | null>(null);

  async function load(beforeSeq?: number): Promise<void> {
    try {
      const page = await call('audit.recent', beforeSeq === undefined ? { limit: 50 } : { limit: 50, beforeSeq });
      setEntries((current) => [...(beforeSeq === undefined ? [] : (current ?? [])), ...page.entries]);
      setMore(page.entries.length === 50);
      setError(null);
    } catch (loadError) {
      setError(loadError instanceof Error ? loadError.message : 'The audit trail could not be read.');
    }
  }

  if (entries === null) {
    return (
      <>
        <button type="button" onClick={() => void load()}>
          Show recent activity
        </button>
        {error && <p className="notice error">{error}</p>}
      </>
    );
  }
  return (
    <>
      <ol className="history" aria-label="Recent activity">
        {entries.map((entry) => (
          <HistoryItem key={entry.seq} entry={entry} documentName={entry.documentName} />
        ))}
      </ol>
      {error && <p className="notice error">{error}</p>}
      {more && entries.length > 0 && (
        <button type="button" onClick={() => void load(entries[entries.length - 1]?.seq)}>
          Older
        </button>
      )}
    </>
  );
}
