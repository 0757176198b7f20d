import { useEffect, useState, type ChangeEvent } from 'react';
import type { TemplateSummary } from '../../../../app/contract/templates';
import { MAX_TEMPLATE_JSON_CHARS } from '../../../../app/templates/site-templates';
import { call, ContractCallError } from '../../api/client';

/**
 * Sharing templates between sites: the open template as JSON text (shown, and offered as a
 * file), and a template file or pasted JSON brought in. One whose id this site already has is
 * replaced only when the person says so.
 */
export function TemplateFiles({
  savedId,
  onImported,
}: {
  /** The template open in the designer, once saved; null while it is new. */
  savedId: string | null;
  onImported: (summary: TemplateSummary) => void;
}) {
  const [exported, setExported] = useState<{ fileName: string; json: string; url: string } | null>(null);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [offerReplace, setOfferReplace] = useState(false);

  // The download link's object URL lives as long as the export shown.
  useEffect(() => () => (exported ? URL.revokeObjectURL(exported.url) : undefined), [exported]);

  async function exportJson(): Promise<void> {
    if (!savedId) return;
    try {
      const file = await call('templates.export', { id: savedId });
      setExported({ ...file, url: URL.createObjectURL(new Blob([file.json], { type: 'application/json' })) });
      setMessage(null);
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : 'The template could not be exported.' });
    }
  }

  async function importJson(replace: boolean): Promise<void> {
    try {
      const summary = await call('templates.import', { json: text, replace });
      setMessage({ ok: true, text: `Imported “${summary.name}” (${summary.zones} zones).` });
      setOfferReplace(false);
      setText('');
      onImported(summary);
    } catch (error) {
      setOfferReplace(error instanceof ContractCallError && error.code === 'conflict');
      setMessage({ ok: false, text: error instanceof Error ? error.message : 'The template could not be imported.' });
    }
  }

  function readFile(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_TEMPLATE_JSON_CHARS * 4) {
      setMessage({ ok: false, text: 'That file is far larger than a form template can be.' });
      return;
    }
    file.text().then(
      (content) => {
        setText(content);
        setMessage(null);
      },
      () => setMessage({ ok: false, text: 'That file could not be read.' }),
    );
  }

  return (
    <section className="designer-group" aria-label="Share templates">
      <h3>Share with another site</h3>
      <div className="designer-row">
        <button type="button" disabled={!savedId} onClick={() => void exportJson()}>
          Export JSON
        </button>
        {!savedId && <span className="muted small">Save the template first.</span>}
        {exported && (
          <a href={exported.url} download={exported.fileName}>
            Download {exported.fileName}
          </a>
        )}
      </div>
      {exported && (
        <>
          <label htmlFor="exported-json">Exported template JSON</label>
          <textarea id="exported-json" className="template-json" readOnly value={exported.json} rows={6} />
        </>
      )}
      <label htmlFor="import-template-file">Template file to import</label>
      <input id="import-template-file" type="file" accept=".json,application/json" onChange={readFile} />
      <label htmlFor="import-template-json">Template JSON to import (or paste it here)</label>
      <textarea id="import-template-json" className="template-json" value={text} rows={4} onChange={(event) => setText(event.target.value)} />
      <div className="designer-row">
        <button type="button" disabled={text.trim() === ''} onClick={() => void importJson(false)}>
          Import JSON
        </button>
        {offerReplace && (
          <button type="button" onClick={() => void importJson(true)}>
            Replace the existing template
          </button>
        )}
      </div>
      {message && (
        <p className={message.ok ? 'notice ok' : 'notice error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
