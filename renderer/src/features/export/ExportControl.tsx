import { useState } from 'react';
import type { ExportFormat } from '../../../../app/export/types';
import type { DocumentSummary } from '../../../../app/model/document';
import { call } from '../../api/client';
import type { ImportNotice } from '../import/ImportControl';

const FORMAT_LABEL: Record<ExportFormat, string> = {
  'fhir-r4': 'FHIR R4 bundle (JSON)',
  csv: 'CSV (one row per field)',
  json: 'JSON',
};

/**
 * Sends the approved documents in the queue to a folder as FHIR R4, CSV or JSON. The folder is
 * typed as a full path (browser mode has no folder picker that yields one); the export is plain
 * text, so the main process refuses Folio's own data folder.
 */
export function ExportControl({ documents, onNotice }: { documents: DocumentSummary[]; onNotice: (notice: ImportNotice) => void }) {
  const approved = documents.filter((doc) => doc.status === 'approved');
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('fhir-r4');
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);

  if (approved.length === 0) return null;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Export approved ({approved.length})
      </button>
    );
  }

  async function run(): Promise<void> {
    setBusy(true);
    try {
      const result = await call('documents.export', { documentIds: approved.map((doc) => doc.id), format, destination: folder.trim() });
      const what = result.documents === 1 ? '1 document' : `${result.documents} documents`;
      onNotice({ ok: true, text: `Exported ${what} as ${FORMAT_LABEL[format]} to ${result.file ?? 'the answer'}.` });
      setOpen(false);
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
      <button type="submit" className="primary" disabled={busy || folder.trim() === ''}>
        {busy ? 'Exporting…' : `Export ${approved.length}`}
      </button>
      <button type="button" disabled={busy} onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
