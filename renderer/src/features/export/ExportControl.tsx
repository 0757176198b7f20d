import { useState } from 'react';
import type { ExportFormat } from '../../../../app/export/types';
import type { DocumentSummary, QueueCounts } from '../../../../app/model/document';
import { MAX_EXPORT_DOCUMENTS, MAX_LIST_DOCUMENTS } from '../../../../app/contract/methods';
import { call } from '../../api/client';
import type { ImportNotice } from '../import/ImportControl';

const FORMAT_LABEL: Record<ExportFormat, string> = {
  'fhir-r4': 'FHIR R4 bundle (JSON)',
  csv: 'CSV (one row per field)',
  json: 'JSON',
};

/**
 * Sends the approved documents in the queue to a folder as FHIR R4, CSV or JSON: by default the
 * ones not exported since their approval, so a daily export does not hand the pharmacy system
 * yesterday's prescriptions twice. The folder is typed as a full path (browser mode has no
 * folder picker that yields one); the export is plain text, so the main process refuses Folio's
 * own data folder.
 */
export function ExportControl({
  counts,
  onNotice,
  onExported,
}: {
  counts: QueueCounts | null;
  onNotice: (notice: ImportNotice) => void;
  /** The queue reloads: exported documents are no longer new. */
  onExported: () => void;
}) {
  const approvedCount = counts?.approved ?? 0;
  const freshCount = counts?.exportPending ?? 0;
  const [open, setOpen] = useState(false);
  const [again, setAgain] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('fhir-r4');
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);

  const everything = again || freshCount === 0;
  const chosenCount = Math.min(MAX_EXPORT_DOCUMENTS, everything ? approvedCount : freshCount);
  if (approvedCount === 0) return null;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {freshCount > 0 ? `Export approved (${freshCount} new)` : `Export approved (${approvedCount}, all exported)`}
      </button>
    );
  }

  /** The approved documents to send, page by page through the queue, up to one export's worth. */
  async function choose(): Promise<string[]> {
    const ids: string[] = [];
    let after: DocumentSummary | undefined;
    for (;;) {
      const page = await call('documents.list', { filter: 'approved', limit: MAX_LIST_DOCUMENTS, ...(after ? { after: { importedAt: after.importedAt, id: after.id } } : {}) });
      ids.push(...page.documents.filter((doc) => everything || doc.exportedAt === null).map((doc) => doc.id));
      after = page.documents[page.documents.length - 1];
      if (!page.more || ids.length >= MAX_EXPORT_DOCUMENTS || !after) return ids.slice(0, MAX_EXPORT_DOCUMENTS);
    }
  }

  async function run(): Promise<void> {
    setBusy(true);
    try {
      const result = await call('documents.export', { documentIds: await choose(), format, destination: folder.trim() });
      const what = result.documents === 1 ? '1 document' : `${result.documents} documents`;
      onNotice({ ok: true, text: `Exported ${what} as ${FORMAT_LABEL[format]} to ${result.file ?? 'the answer'}.` });
      setOpen(false);
      setAgain(false);
      onExported();
    } catch (error) {
      onNotice({ ok: false, text: error instanceof Error ? error.message : 'The export failed.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="export-control"
      aria-label="Export approved documents"
      onSubmit={(event) => {
        event.preventDefault();
        void run();
      }}
    >
      <label>
        Format{' '}
        <select value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
          {(Object.keys(FORMAT_LABEL) as ExportFormat[]).map((value) => (
            <option key={value} value={value}>
              {FORMAT_LABEL[value]}
            </option>
          ))}
        </select>
      </label>
      <input
        className="wide"
        aria-label="Export folder"
        placeholder="Full path of the folder to write to, e.g. /media/usb/exports"
        value={folder}
        onChange={(event) => setFolder(event.target.value)}
      />
      {freshCount > 0 && freshCount < approvedCount && (
        <label>
          <input type="checkbox" checked={again} onChange={(event) => setAgain(event.target.checked)} /> Include the {approvedCount - freshCount} exported before
        </label>
      )}
      <button type="submit" className="primary" disabled={busy || folder.trim() === ''}>
        {busy ? 'Exporting…' : `Export ${chosenCount}`}
      </button>
      <button type="button" disabled={busy} onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
