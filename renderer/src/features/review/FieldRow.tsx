import { useEffect, useRef, useState } from 'react';
import type { ReviewField } from '../../../../app/model/field';
import { FieldSnippet } from './FieldSnippet';
import { fieldLabel } from './field-labels';

export const STATUS_LABEL: Record<ReviewField['status'], string> = {
  confident: 'OK',
  confirmed: 'Confirmed',
  check: 'Check',
  invalid: 'Invalid',
  missing: 'Not found',
  blank: 'Not printed',
};

/** Marks beside the status words, so status never rests on colour alone (forced colours, print). */
const STATUS_ICON: Record<ReviewField['status'], string> = {
  confident: '✓',
  confirmed: '✔',
  check: '?',
  invalid: '✗',
  missing: '∅',
  blank: '–',
};

/** Text put into the field from the page (a word clicked, a region read); `key` changes each time. */
export interface CapturedText {
  fieldId: string;
  text: string;
  key: number;
  /** Other readings of a drawn region, best first, to pick from. */
  candidates?: Array<{ text: string; confidence: number }>;
}

export type FieldCommit = 'confirm-next' | 'save-back' | 'save';

/**
 * One field: its value (saved on Enter, blur or a suggestion), its status in words and a mark,
 * why it is flagged, and, when focused, the magnified snippet of its place on the page.
 */
export function FieldRow({
  field,
  readOnly,
  focused,
  reasons,
  snippet,
  captured,
  onFocus,
  onCommit,
}: {
  field: ReviewField;
  readOnly: boolean;
  focused: boolean;
  reasons: string[];
  snippet: { documentId: string; pageWidth: number } | null;
  captured: CapturedText | null;
  onFocus: () => void;
  onCommit: (value: string, how: FieldCommit) => void;
}) {
  const saved = field.raw ?? '';
  const [value, setValue] = useState(saved);
  const input = useRef<HTMLInputElement>(null);
  /** The value last handed over, so the blur that follows Enter does not save it a second time. */
  const committed = useRef(saved);

  useEffect(() => {
    setValue(saved);
    committed.current = saved;
  }, [saved]);

  useEffect(() => {
    if (!captured || captured.fieldId !== field.id) return;
    setValue(captured.text);
    input.current?.focus();
  }, [captured, field.id]);

  const commit = (how: FieldCommit, text = value): void => {
    committed.current = text;
    onCommit(text, how);
  };
  const label = fieldLabel(field.name, field.index);
  const dirty = value !== saved;
  const region = field.region;
  return (
    <div className={`field field-${field.status}${focused ? ' focused' : ''}`} data-field={field.id} data-status={field.status}>
      <label className="field-label" htmlFor={`field-${field.id}`}>
        {label}
        {field.edited && <span className="field-edited"> · corrected</span>}
        {region && <span className="field-page"> · p. {region.pageIndex + 1}</span>}
      </label>
      <input
        ref={input}
        id={`field-${field.id}`}
        className="field-value"
        value={value}
        data-dirty={dirty ? 'true' : undefined}
        placeholder={field.status === 'missing' ? 'not found on the page' : field.status === 'blank' ? 'not printed on the page' : field.raw === null ? 'none printed' : ''}
        readOnly={readOnly}
        spellCheck={false}
        aria-describedby={reasons.length > 0 || field.findings.length > 0 ? `field-why-${field.id}` : undefined}
        onFocus={onFocus}
        onChange={(event) => setValue(event.target.value)}
        onBlur={() => {
          if (!readOnly && value !== committed.current) commit('save');
        }}
        onKeyDown={(event) => {
          if (readOnly) return;
          if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.altKey) {
            event.preventDefault();
            commit(event.shiftKey ? 'save-back' : 'confirm-next');
          } else if (event.key === 'Escape' && dirty) {
            event.preventDefault();
            event.stopPropagation();
            setValue(saved);
            committed.current = saved;
          }
        }}
      />
      <span className={`field-status status-${field.status}`}>
        <span aria-hidden="true">{STATUS_ICON[field.status]} </span>
        {STATUS_LABEL[field.status]}
      </span>
      {focused && snippet && region && <FieldSnippet documentId={snippet.documentId} pageIndex={region.pageIndex} pageWidth={snippet.pageWidth} box={region.box} />}
      {captured?.fieldId === field.id && captured.candidates && captured.candidates.length > 0 && !readOnly && (
        <p className="region-candidates">
          Read from the region:{' '}
          {captured.candidates.map((candidate) => (
            <button key={candidate.text} type="button" className="suggestion" onClick={() => setValue(candidate.text)}>
              {candidate.text || '(nothing)'} <span className="muted">{Math.round(candidate.confidence)}%</span>
            </button>
          ))}
        </p>
      )}
      {field.description && <p className="field-description">{field.description}</p>}
      {(reasons.length > 0 || (field.status !== 'confident' && field.findings.length > 0)) && (
        <div id={`field-why-${field.id}`} className="field-why">
          {reasons.map((reason) => (
            <p key={reason} className="finding finding-warning">
              {reason}
            </p>
          ))}
          {field.status !== 'confident' &&
            field.findings.map((finding, index) => (
              <p key={index} className={`finding finding-${finding.severity}`}>
                {finding.message}
                {finding.suggestions && finding.suggestions.length > 0 && !readOnly && (
                  <span className="suggestions">
                    {' '}
                    Did you mean{' '}
                    {finding.suggestions.slice(0, 4).map((suggestion) => (
                      <button key={suggestion} type="button" className="suggestion" onClick={() => commit('save', suggestion)}>
                        {suggestion}
                      </button>
                    ))}
                  </span>
                )}
              </p>
            ))}
        </div>
      )}
    </div>
  );
}
