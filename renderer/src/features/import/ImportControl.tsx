import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';

export interface ImportNotice {
  ok: boolean;
  text: string;
}

const ACCEPT = '.png,.jpg,.jpeg,.webp,.tif,.tiff,.pdf,image/*,application/pdf';

/** The Import button, plus drop-anywhere: files go to documents.import as base64. */
export function ImportControl({ onImported }: { onImported: (ids: string[], notices: ImportNotice[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function importFiles(files: File[]): Promise<void> {
    if (files.length === 0) return;
    setBusy(true);
    try {
      const payload = await Promise.all(files.map(async (file) => ({ name: file.name, dataBase64: await toBase64(file) })));
      const { outcomes } = await call('documents.import', { files: payload });
      onImported(
        outcomes.flatMap((outcome) => (outcome.ok ? [outcome.documentId] : [])),
        outcomes.map((outcome) =>
          outcome.ok ? { ok: true, text: `${outcome.name}: imported.` } : { ok: false, text: `${outcome.name}: ${outcome.error.message}` },
        ),
      );
    } catch (error) {
      onImported([], [{ ok: false, text: error instanceof Error ? error.message : 'Import failed.' }]);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
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
