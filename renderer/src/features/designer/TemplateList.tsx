import { useState } from 'react';
import type { TemplateSummary } from '../../../../app/contract/templates';

/** The templates pages are read with: built-in ones (open to copy) and the site's own (open, delete). */
export function TemplateList({
  templates,
  openId,
  onOpen,
  onNew,
  onDelete,
}: {
  templates: readonly TemplateSummary[];
  openId: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDelete: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <section className="designer-group" aria-label="Form templates">
      <h3>Form templates</h3>
      <ul className="template-list">
        {templates.map((template) => (
          <li key={template.id} className={template.id === openId ? 'selected' : undefined} data-template-id={template.id}>
            <button type="button" className="link" onClick={() => onOpen(template.id)}>
              {template.name}
            </button>
            <span className="muted small">
              {template.builtIn ? 'built in' : `${template.updatedBy ?? ''}`} · {template.kind} · {template.zones} zones
            </span>
            {!template.builtIn &&
              (confirming === template.id ? (
                <span className="designer-row">
                  <button
                    type="button"
                    onClick={() => {
                      setConfirming(null);
                      onDelete(template.id);
                    }}
                  >
                    Delete “{template.name}”
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    Keep it
                  </button>
                </span>
              ) : (
                <button type="button" className="link small" aria-label={`Delete “${template.name}”…`} onClick={() => setConfirming(template.id)}>
                  Delete…
                </button>
              ))}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onNew}>
        New template
      </button>
    </section>
  );
}
