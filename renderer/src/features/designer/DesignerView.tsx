import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TemplateSummary } from '../../../../app/contract/templates';
import type { DocumentDetail, DocumentSummary } from '../../../../app/model/document';
import { DocumentKind } from '../../../../app/model/field';
import { knownFieldNames } from '../../../../app/templates/known-fields';
import { templateIdFromName } from '../../../../app/templates/site-templates';
import type { FormTemplate } from '../../../../app/templates/template';
import { call } from '../../api/client';
import { PageImage } from '../review/PageImage';
import { addZone, centreBox, draftProblem, emptyDraft, removePrinted, removeZone, setAnchor, updateZone, withTemplate, type DesignerDraft } from './draft';
import { PrintedList } from './PrintedList';
import { TemplateFiles } from './TemplateFiles';
import { TemplateList } from './TemplateList';
import { TrialPanel } from './TrialPanel';
import { ZoneCanvas } from './ZoneCanvas';
import { ZoneList } from './ZoneList';

/** Documents offered as samples and test documents: the newest of the whole queue. */
const DOCUMENT_CHOICES = 200;

/**
 * The form designer (admins): how a site teaches Folio a form of its own, an intake form, a
 * consent, a trial's CRF, without a developer. Choose a blank copy as the sample page, let
 * Folio propose the form's printed text, drag a zone over each place a value is written, name
 * and type it, try it on a filled copy, and save.
 */
export function DesignerView({ onClose }: { onClose: () => void }) {
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [sample, setSample] = useState<{ detail: DocumentDetail; pageIndex: number } | null>(null);
  const [draft, setDraft] = useState<DesignerDraft | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const say = (ok: boolean, text: string): void => setMessage({ ok, text });
  const failed = (error: unknown, fallback: string): void => say(false, error instanceof Error ? error.message : fallback);

  const reloadTemplates = useCallback(async (): Promise<void> => {
    setTemplates((await call('templates.list', {})).templates);
  }, []);

  useEffect(() => {
    reloadTemplates().catch((error: unknown) => failed(error, 'The templates could not be loaded.'));
    call('documents.list', { filter: 'all', limit: DOCUMENT_CHOICES })
      .then((page) => setDocuments(page.documents))
      .catch((error: unknown) => failed(error, 'The documents could not be loaded.'));
  }, [reloadTemplates]);

  const page = sample?.detail.pages[sample.pageIndex];
  const knownNames = useMemo(() => knownFieldNames(draft?.template.kind ?? 'other'), [draft?.template.kind]);
  const problem = draft ? draftProblem(draft) : 'Start a template first.';
  const complete = draft && !problem ? (draft.template as FormTemplate) : null;

  async function chooseSample(documentId: string, pageIndex = 0): Promise<void> {
    if (documentId === '') {
      setSample(null);
      return;
    }
    try {
      const detail = await call('documents.get', { documentId });
      const index = Math.min(pageIndex, Math.max(detail.pages.length - 1, 0));
      setSample({ detail, pageIndex: index });
      const chosen = detail.pages[index];
      if (!draft && chosen && chosen.width > 0) setDraft(emptyDraft({ width: chosen.width, height: chosen.height }, detail.kind ?? 'other'));
    } catch (error) {
      failed(error, 'That document could not be opened.');
    }
  }

  async function propose(): Promise<void> {
    if (!sample) return;
    try {
      const name = draft?.template.name;
      const { template } = await call('templates.propose', {
        documentId: sample.detail.id,
        pageIndex: sample.pageIndex,
        ...(name ? { name } : {}),
        ...(draft ? { kind: draft.template.kind } : {}),
      });
      setDraft((current) =>
        current
          ? withTemplate(current, { printed: template.printed, size: template.size, ...(current.savedId ? {} : { id: template.id }) })
          : { template, savedId: null, fromBuiltIn: false },
      );
      say(true, `Folio found ${template.printed.length} runs of printed text on this page. Untick or remove any that a blank form does not print, then draw the zones.`);
    } catch (error) {
      failed(error, 'Nothing could be proposed from this page.');
    }
  }

  async function open(id: string): Promise<void> {
    try {
      const { template, summary } = await call('templates.get', { id });
      if (summary.builtIn) {
        const name = `${template.name} (site copy)`;
        setDraft({ template: { ...template, name, id: templateIdFromName(name) }, savedId: null, fromBuiltIn: true });
      } else {
        setDraft({ template, savedId: template.id, fromBuiltIn: false });
      }
      setSelected(null);
      setMessage(null);
    } catch (error) {
      failed(error, 'That template could not be opened.');
    }
  }

  async function save(): Promise<void> {
    if (!draft || !complete) return;
    if (!draft.savedId && templates.some((template) => template.id === draft.template.id)) {
      say(false, 'A template with this name exists already: open it to change it, or choose another name.');
      return;
    }
    try {
      const summary = await call('templates.save', { template: complete });
      setDraft({ template: { ...draft.template, id: summary.id }, savedId: summary.id, fromBuiltIn: false });
      await reloadTemplates();
      say(true, `Saved “${summary.name}”. Pages are read with it from now on; documents already read keep their fields until you use “Read page again” on them.`);
    } catch (error) {
      failed(error, 'The template could not be saved.');
    }
  }

  async function remove(id: string): Promise<void> {
    try {
      await call('templates.delete', { id });
      if (draft?.savedId === id) setDraft({ ...draft, savedId: null });
      await reloadTemplates();
      say(true, 'Template deleted. Documents already read with it keep their fields.');
    } catch (error) {
      failed(error, 'The template could not be deleted.');
    }
  }

  const change = (next: DesignerDraft): void => setDraft(next);
  const drawn = (next: DesignerDraft): void => {
    setDraft(next);
    setSelected(next.template.zones.length - 1);
    setFocusRequest((value) => value + 1);
  };

  return (
    <section className="designer" aria-label="Form designer">
      <div className="designer-toolbar">
        <h2>Form designer</h2>
        <button type="button" onClick={onClose}>
          Back to settings
        </button>
      </div>
      {message && (
        <p className={message.ok ? 'notice ok' : 'notice error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div className="designer-panes">
        <div className="designer-page">
          <div className="designer-row">
            <label htmlFor="sample-document">Sample page from</label>
            <select id="sample-document" value={sample?.detail.id ?? ''} onChange={(event) => void chooseSample(event.target.value)}>
              <option value="">Choose a document…</option>
              {documents.map((doc) => (
                <option key={doc.id} value={doc.id}>
                  {doc.name}
                </option>
              ))}
            </select>
            {sample && sample.detail.pages.length > 1 && (
              <>
                <label htmlFor="sample-page">Page</label>
                <select id="sample-page" value={sample.pageIndex} onChange={(event) => void chooseSample(sample.detail.id, Number(event.target.value))}>
                  {sample.detail.pages.map((candidate) => (
                    <option key={candidate.index} value={candidate.index}>
                      {candidate.index + 1}
                    </option>
                  ))}
                </select>
              </>
            )}
            <button type="button" disabled={!page || page.status !== 'done'} onClick={() => void propose()}>
              Propose from the page
            </button>
          </div>
          <p className="muted small">
            Choose a blank copy of the form: every word on the sample page is taken as the form’s own printing. Then drag a rectangle over each place a value is written.
          </p>
          {sample && page ? (
            <PageImage
              documentId={sample.detail.id}
              pageIndex={sample.pageIndex}
              width={page.width}
              height={page.height}
              highlights={[]}
              focusedId={null}
              onSelect={() => undefined}
              overlay={draft && <ZoneCanvas template={draft.template} selected={selected} onSelect={setSelected} onDrawn={(box) => drawn(addZone(draft, box))} />}
            />
          ) : (
            <div className="page-image muted">No sample page chosen.</div>
          )}
        </div>
        <aside className="designer-side">
          <TemplateList
            templates={templates}
            openId={draft?.savedId ?? null}
            onOpen={(id) => void open(id)}
            onNew={() => {
              setDraft(page && page.width > 0 ? emptyDraft({ width: page.width, height: page.height }) : null);
              setSelected(null);
              setMessage(null);
            }}
            onDelete={(id) => void remove(id)}
          />
          {draft && (
            <>
              <section className="designer-group" aria-label="Template">
                <h3>{draft.savedId ? 'Template' : 'New template'}</h3>
                <label htmlFor="template-name">Template name</label>
                <input
                  id="template-name"
                  value={draft.template.name}
                  maxLength={120}
                  onChange={(event) =>
                    change(withTemplate(draft, { name: event.target.value, ...(draft.savedId ? {} : { id: templateIdFromName(event.target.value) }) }))
                  }
                />
                <label htmlFor="template-kind">Kind of document</label>
                <select id="template-kind" value={draft.template.kind} onChange={(event) => change(withTemplate(draft, { kind: DocumentKind.parse(event.target.value) }))}>
                  {DocumentKind.options.map((kind) => (
                    <option key={kind} value={kind}>
                      {kind}
                    </option>
                  ))}
                </select>
                <p className="muted small">
                  Saved as <code data-testid="template-id">{draft.template.id}</code>
                  {draft.fromBuiltIn ? ': a copy; the built-in form itself never changes.' : '.'} Its reference page is {draft.template.size.width} × {draft.template.size.height}.
                </p>
              </section>
              <PrintedList printed={draft.template.printed} onAnchor={(index, anchor) => change(setAnchor(draft, index, anchor))} onRemove={(index) => change(removePrinted(draft, index))} />
              <section className="designer-group" aria-label="Zones">
                <h3>Zones</h3>
                <ZoneList
                  zones={draft.template.zones}
                  knownNames={knownNames}
                  selected={selected}
                  focusRequest={focusRequest}
                  onSelect={(index) => setSelected(index === selected ? null : index)}
                  onChange={(index, zoneChange) => change(updateZone(draft, index, zoneChange))}
                  onRemove={(index) => {
                    change(removeZone(draft, index));
                    setSelected(null);
                  }}
                />
                <button type="button" onClick={() => drawn(addZone(draft, centreBox(draft.template.size)))}>
                  Add a zone by its position
                </button>
              </section>
              <section className="designer-group" aria-label="Save">
                <div className="designer-row">
                  <button type="button" className="primary" disabled={!complete} onClick={() => void save()}>
                    Save
                  </button>
                  {problem && <span className="muted small">{problem}</span>}
                </div>
                <p className="muted small">Saving reads nothing again: documents already read keep their fields until “Read page again”.</p>
              </section>
              <TrialPanel documents={documents} template={complete} problem={problem} />
            </>
          )}
          <TemplateFiles
            savedId={draft?.savedId ?? null}
            onImported={(summary) => {
              void reloadTemplates();
              void open(summary.id);
            }}
          />
        </aside>
      </div>
    </section>
  );
}
