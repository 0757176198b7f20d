import { useState } from 'react';
import type { TemplateTrialPage } from '../../../../app/contract/templates';
import type { DocumentSummary } from '../../../../app/model/document';
import type { Field } from '../../../../app/model/field';
import type { FormTemplate } from '../../../../app/templates/template';
import { call } from '../../api/client';
import { fieldLabel } from '../review/field-labels';

function pageLine(page: TemplateTrialPage): string {
  if (!page.registered) return `Page ${page.pageIndex + 1}: not matched. ${page.reason ?? ''}`;
  return `Page ${page.pageIndex + 1}: matched, ${page.anchorsFound} of ${page.anchorsTotal} anchors found where the form prints them (off by ${page.residual ?? 0} on average).`;
}

/**
 * "Test on a document": reads another document from the queue with the template as it stands,
 * without saving it, and shows what each zone gives and whether each page matched the form.
 */
export function TrialPanel({ documents, template, problem }: { documents: readonly DocumentSummary[]; template: FormTemplate | null; problem: string | null }) {
  const [documentId, setDocumentId] = useState('');
  const [result, setResult] = useState<{ pages: TemplateTrialPage[]; fields: Field[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function test(): Promise<void> {
    if (!template || documentId === '') return;
    setBusy(true);
    try {
      setResult(await call('templates.test', { documentId, template }));
      setError(null);
    } catch (testError) {
      setResult(null);
      setError(testError instanceof Error ? testError.message : 'The test did not run.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="designer-group" aria-label="Test on a document">
      <h3>Test on a document</h3>
      <div className="designer-row">
        <label htmlFor="trial-document">Document to test on</label>
        <select id="trial-document" value={documentId} onChange={(event) => setDocumentId(event.target.value)}>
          <option value="">Choose a document…</option>
          {documents.map((doc) => (
            <option key={doc.id} value={doc.id}>
              {doc.name}
            </option>
          ))}
        </select>
        <button type="button" disabled={!template || documentId === '' || busy} onClick={() => void test()}>
          Test on a document
        </button>
      </div>
      {problem && <p className="muted small">{problem}</p>}
      {error && <p className="notice error">{error}</p>}
      {result && (
        <div data-testid="trial-result" aria-live="polite">
          <ul className="trial-pages">
            {result.pages.map((page) => (
              <li key={page.pageIndex} data-registered={page.registered}>
                {pageLine(page)}
              </li>
            ))}
          </ul>
          {result.fields.length === 0 ? (
            <p className="muted">No value was read: no page matched the form, or every zone is empty.</p>
          ) : (
            <table className="trial-fields">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Value read</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {result.fields.map((field, index) => (
                  <tr key={index} data-trial-field={field.name}>
                    <td>
                      {fieldLabel(field.name, field.index)} <span className="muted small">{field.name}</span>
                    </td>
                    <td className="trial-value">{field.raw ?? '—'}</td>
                    <td>{field.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
