import { useState } from 'react';
import type { DocumentKind, ReviewField, RowGroup } from '../../../../app/model/field';
import { call } from '../../api/client';

/** The rows a person may add to a document of each kind, in words. */
const ADDABLE: Partial<Record<DocumentKind, ReadonlyArray<{ group: RowGroup; label: string }>>> = {
  cms1500: [
    { group: 'claim.diagnosis', label: 'Add a diagnosis' },
    { group: 'claim.line', label: 'Add a service line' },
  ],
  lab_report: [{ group: 'lab.row', label: 'Add a lab row' }],
  clinical_note: [{ group: 'note.medication', label: 'Add a medication' }],
};

/** The row a field belongs to, if it is part of one a person may add or delete. */
export function rowGroupOf(field: Pick<ReviewField, 'name' | 'index'>): RowGroup | null {
  if (field.index === null) return null;
  if (field.name === 'claim.diagnosis') return 'claim.diagnosis';
  if (field.name === 'note.medication') return 'note.medication';
  if (field.name.startsWith('claim.line.')) return 'claim.line';
  if (field.name.startsWith('lab.row.')) return 'lab.row';
  return null;
}

/** Whether `field` is the last of its row in the list, where the row's Delete button goes. */
export function endsRow(fields: readonly ReviewField[], at: number): boolean {
  const field = fields[at];
  const group = field ? rowGroupOf(field) : null;
  if (!field || group === null) return false;
  const next = fields[at + 1];
  return !next || rowGroupOf(next) !== group || next.index !== field.index;
}

/** A row as the page numbers it: "service line 3", "diagnosis B", "medication 2". */
function rowName(group: RowGroup, index: number): string {
  switch (group) {
    case 'claim.line':
      return `service line ${index}`;
    case 'lab.row':
      return `lab row ${index}`;
    case 'claim.diagnosis':
      return `diagnosis ${String.fromCharCode(65 + index)}`;
    case 'note.medication':
      return `medication ${index + 1}`;
  }
}

function useRowCall(onChanged: () => void): { busy: boolean; error: string | null; run: (work: () => Promise<unknown>) => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    work()
      .then(onChanged)
      .catch((callError: unknown) => setError(callError instanceof Error ? callError.message : 'The change could not be saved.'))
      .finally(() => setBusy(false));
  };
  return { busy, error, run };
}

/** Buttons that add a row the reading missed (audited as the person's). */
export function AddRowButtons({ documentId, kind, onChanged }: { documentId: string; kind: DocumentKind | null; onChanged: () => void }) {
  const { busy, error, run } = useRowCall(onChanged);
  const addable = kind ? (ADDABLE[kind] ?? []) : [];
  if (addable.length === 0) return null;
  return (
    <div className="row-structure" role="group" aria-label="Add what the reading missed">
      {addable.map(({ group, label }) => (
        <button key={group} type="button" disabled={busy} onClick={() => run(() => call('fields.addRow', { documentId, group }))}>
          {label}
        </button>
      ))}
      {error && <p className="notice error">{error}</p>}
    </div>
  );
}

/** Deletes a row the reading invented (every field of it; audited with what it held). */
export function DeleteRowButton({ documentId, field, onChanged }: { documentId: string; field: ReviewField; onChanged: () => void }) {
  const { busy, error, run } = useRowCall(onChanged);
  const group = rowGroupOf(field);
  if (group === null || field.index === null) return null;
  const index = field.index;
  const row = rowName(group, index);
  return (
    <div className="row-delete">
      <button type="button" disabled={busy} onClick={() => run(() => call('fields.removeRow', { documentId, group, index }))}>
        Delete {row}
      </button>
      {error && <p className="notice error">{error}</p>}
    </div>
  );
}
