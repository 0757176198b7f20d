import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';

export interface ImportNotice {
  ok: boolean;
  text: string;
}

const ACCEPT = '.png,.jpg,.jpeg,.webp,.tif,.tiff,.pdf,image/*,application/pdf';
const DOCUMENT_NAME = /\.(png|jpe?g|webp|tiff?|pdf)$/i;
/** Requests stay well under the host's body limit; a folder of scans goes up in several. */
const BATCH_FILES = 10;
const BATCH_BYTES = 40 * 1024 * 1024;

function batches(files: File[]): File[][] {
  const out: File[][] = [];
  let current: File[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= BATCH_FILES || bytes + file.size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The Import button, plus drop-anywhere: files go to documents.import as base64. */
export function ImportControl({ onImported }: { onImported: (ids: string[], notices: ImportNotice[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function importFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    setBusy(true);
    const ids: string[] = [];
    const notices: ImportNotice[] = [];
    try {
      for (const batch of batches(files)) {
        const payload = await Promise.all(batch.map(async (file) => ({ name: file.name, dataBase64: await toBase64(file) })));
        const { outcomes } = await call('documents.import', { files: payload });
        for (const outcome of outcomes) {
          if (outcome.ok) ids.push(outcome.documentId);
          notices.push(outcome.ok ? { ok: true, text: `${outcome.name}: imported.` } : { ok: false, text: `${outcome.name}: ${outcome.error.message}` });
        }
      }
    } catch (error) {
      notices.push({ ok: false, text: error instanceof Error ? error.message : 'Import failed.' });
    } finally {
      onImported(ids, notices);
      setBusy(false);
      if (input.current) input.current.value = '';
      if (folderInput.current) folderInput.current.value = '';
    }
  }

  /** A folder brings everything in it; only files that look like scans or PDFs are sent. */
  function importFolder(files: File[]): void {
    void importFiles(files.filter((file) => DOCUMENT_NAME.test(file.name) && !file.name.startsWith('.')));
  }

  useEffect(() => {
    const onDragOver = (event: DragEvent): void => event.preventDefault();
    const onDrop = (event: DragEvent): void => {
      event.preventDefault();
      void importFiles(Array.from(event.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  });

  return (
    <div className="import-control">
      <input
        ref={input}
        id="import-files"
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        onChange={(event) => void importFiles(Array.from(event.target.files ?? []))}
      />
      <input
        ref={(element) => {
          folderInput.current = element;
          // Not in React's typings: lets the picker choose a whole folder of scans.
          element?.setAttribute('webkitdirectory', '');
        }}
        id="import-folder"
        type="file"
        multiple
        hidden
        onChange={(event) => importFolder(Array.from(event.target.files ?? []))}
      />
      <button type="button" disabled={busy} onClick={() => folderInput.current?.click()}>
        Import folder
      </button>
      <button type="button" className="primary" disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import files'}
      </button>
    </div>
  );
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
