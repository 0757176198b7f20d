import { useEffect, useState } from 'react';
import type { DocumentKind, ReviewField } from '../../../../app/model/field';
import { call } from '../../api/client';
import { fieldLabel, fieldSection } from './field-labels';

const KIND_LABEL: Record<DocumentKind, string> = {
  prescription: 'Prescription',
  cms1500: 'CMS-1500 claim',
  lab_report: 'Lab report',
  insurance_card: 'Insurance card',
  clinical_note: 'Clinical note',
  other: 'Other',
};

const STATUS_LABEL: Record<ReviewField['status'], string> = {
  confident: 'OK',
  check: 'Check',
  invalid: 'Invalid',
  missing: 'Not found',
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
  onFocusField,
  onFieldsChanged,
  onKindChanged,
}: {
  documentId: string;
  kind: DocumentKind | null;
  kindConfidence: number | null;
  fields: ReviewField[];
  readOnly: boolean;
  focusedFieldId: string | null;
  onFocusField: (id: string) => void;
  onFieldsChanged: (fields: ReviewField[]) => void;
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

  async function save(field: ReviewField, value: string): Promise<void> {
    if (value === (field.raw ?? '')) return;
    try {
      const result = await call('fields.update', { documentId, fieldId: field.id, value });
      setError(null);
      onFieldsChanged(result.fields);
    } catch (saveError) {
      setError(saveError instanceof Error ? saveError.message : 'The field could not be saved.');
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
          {sectionFields.map((field) => (
            <FieldRow
              key={`${field.id}:${field.raw ?? ''}`}
              field={field}
              readOnly={readOnly}
              focused={field.id === focusedFieldId}
              onFocus={() => onFocusField(field.id)}
              onSave={(value) => void save(field, value)}
            />
          ))}
        </section>
      ))}
      {releases && <p className="muted small code-set-note">Codes checked against {releases}.</p>}
    </div>
  );
}

function FieldRow({
  field,
  readOnly,
  focused,
  onFocus,
  onSave,
}: {
  field: ReviewField;
  readOnly: boolean;
  focused: boolean;
  onFocus: () => void;
  onSave: (value: string) => void;
}) {
  const [value, setValue] = useState(field.raw ?? '');
  const label = fieldLabel(field.name, field.index);
  return (
    <div className={`field field-${field.status}${focused ? ' focused' : ''}`} data-field={field.id} data-status={field.status}>
      <label className="field-label" htmlFor={`field-${field.id}`}>
        {label}
        {field.edited && <span className="field-edited"> · corrected</span>}
      </label>
      <input
        id={`field-${field.id}`}
        className="field-value"
        value={value}
        placeholder={field.status === 'missing' ? 'not found on the page' : field.raw === null ? 'none printed' : ''}
        readOnly={readOnly}
        spellCheck={false}
        onFocus={onFocus}
        onChange={(event) => setValue(event.target.value)}
        onBlur={() => onSave(value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onSave(value);
          if (event.key === 'Escape') setValue(field.raw ?? '');
        }}
      />
      <span className={`field-status status-${field.status}`}>{STATUS_LABEL[field.status]}</span>
      {field.description && <p className="field-description">{field.description}</p>}
      {field.status !== 'confident' &&
        field.findings.map((finding, index) => (
          <p key={index} className={`finding finding-${finding.severity}`}>
            {finding.message}
            {finding.suggestions && finding.suggestions.length > 0 && !readOnly && (
              <span className="suggestions">
                {' '}
                Did you mean{' '}
                {finding.suggestions.slice(0, 4).map((suggestion) => (
                  <button key={suggestion} type="button" className="suggestion" onClick={() => onSave(suggestion)}>
                    {suggestion}
                  </button>
                ))}
              </span>
            )}
          </p>
        ))}
    </div>
  );
}
