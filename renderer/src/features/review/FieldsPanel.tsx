import { useEffect, useState } from 'react';
import type { DocumentKind, ReviewField } from '../../../../app/model/field';
import { call } from '../../api/client';
import { fieldSection } from './field-labels';
import { FieldRow, type CapturedText, type FieldCommit } from './FieldRow';
import { AddRowButtons, DeleteRowButton, endsRow } from './RowStructure';

const KIND_LABEL: Record<DocumentKind, string> = {
  prescription: 'Prescription',
  cms1500: 'CMS-1500 claim',
  lab_report: 'Lab report',
  insurance_card: 'Insurance card',
  clinical_note: 'Clinical note',
  other: 'Other',
};

/**
 * The fields read off the document. Confident fields are quiet; fields to check or that failed
 * a check stand out, with the reason in words, so a tired reviewer reads only those.
 */
export function FieldsPanel({
  documentId,
  kind,
  kindConfidence,
  fields,
  readOnly,
  focusedFieldId,
  reasonsFor,
  pageWidths,
  captured,
  onFocusField,
  onCommit,
  onKindChanged,
}: {
  documentId: string;
  kind: DocumentKind | null;
  kindConfidence: number | null;
  fields: ReviewField[];
  readOnly: boolean;
  focusedFieldId: string | null;
  reasonsFor: (field: ReviewField) => string[];
  /** Each page's width in its own pixels, for the snippets. */
  pageWidths: readonly number[];
  captured: CapturedText | null;
  onFocusField: (id: string) => void;
  /** Saving belongs to the review: it keeps the undo history and moves the keyboard on. */
  onCommit: (field: ReviewField, value: string, how: FieldCommit) => void;
  onKindChanged: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [releases, setReleases] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('settings.get', {})
      .then((settings) => live && setReleases((settings.codeSets ?? []).map((release) => `${release.system} ${release.release}`).join(' and ')))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const sections = new Map<string, ReviewField[]>();
  for (const field of fields) sections.set(fieldSection(field.name), [...(sections.get(fieldSection(field.name)) ?? []), field]);

  async function changeKind(next: DocumentKind): Promise<void> {
    try {
      await call('documents.setKind', { documentId, kind: next });
      onKindChanged();
    } catch (changeError) {
      setError(changeError instanceof Error ? changeError.message : 'The kind could not be changed.');
    }
  }

  return (
    <div className="fields" aria-label="Fields">
      <div className="fields-kind">
        <label>
          Document kind{' '}
          <select value={kind ?? ''} disabled={readOnly || kind === null} onChange={(event) => void changeKind(event.target.value as DocumentKind)}>
            {kind === null && <option value="">Not read yet</option>}
            {Object.entries(KIND_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {kindConfidence !== null && kindConfidence < 0.6 && <span className="field-status status-check">Unsure: please confirm</span>}
      </div>
      {error && <p className="notice error">{error}</p>}
      {fields.length === 0 &&
        (kind === 'other' ? (
          <p className="muted">
            Folio does not recognise this page as medical paperwork it reads, so it shows no fields. If it is one, choose its kind above.
          </p>
        ) : (
          <p className="muted">No fields yet.</p>
        ))}
      {[...sections.entries()].map(([section, sectionFields]) => (
        <section key={section} className="field-section">
          <h3>{section}</h3>
          {sectionFields.map((field, at) => (
            <div key={field.id}>
              <FieldRow
                field={field}
                readOnly={readOnly}
                focused={field.id === focusedFieldId}
                reasons={reasonsFor(field)}
                snippet={field.region ? { documentId, pageWidth: pageWidths[field.region.pageIndex] ?? 0 } : null}
                captured={captured?.fieldId === field.id ? captured : null}
                onFocus={() => onFocusField(field.id)}
                onCommit={(value, how) => onCommit(field, value, how)}
              />
              {!readOnly && endsRow(sectionFields, at) && <DeleteRowButton documentId={documentId} field={field} onChanged={onKindChanged} />}
            </div>
          ))}
        </section>
      ))}
      {!readOnly && <AddRowButtons documentId={documentId} kind={kind} onChanged={onKindChanged} />}
      {releases && <p className="muted small code-set-note">Codes checked against {releases}.</p>}
    </div>
  );
}
