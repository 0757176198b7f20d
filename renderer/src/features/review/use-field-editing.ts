import { useCallback, useRef, useState } from 'react';
import type { ReviewField } from '../../../../app/model/field';
import { call } from '../../api/client';

/** One saved change of a field's value, as undo and redo replay it. */
interface FieldChange {
  fieldId: string;
  before: string;
  after: string;
}

/**
 * Saving fields, in the order the person made the changes (an Enter and the blur that follows
 * it never race), with undo and redo of every saved change in the document, across fields.
 * An undo is itself a saved, audited change: the history shows the value going back.
 */
export function useFieldEditing(documentId: string, onSaved: (fields: ReviewField[]) => void, onError: (message: string) => void) {
  const undoStack = useRef<FieldChange[]>([]);
  const redoStack = useRef<FieldChange[]>([]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [depth, setDepth] = useState({ undo: 0, redo: 0 });
  const sync = (): void => setDepth({ undo: undoStack.current.length, redo: redoStack.current.length });

  const send = useCallback(
    async (fieldId: string, value: string, confirm: boolean): Promise<ReviewField[] | null> => {
      try {
        const result = await call('fields.update', { documentId, fieldId, value, ...(confirm ? { confirm } : {}) });
        onSaved(result.fields);
        return result.fields;
      } catch (error) {
        onError(error instanceof Error ? error.message : 'The field could not be saved.');
        return null;
      }
    },
    [documentId, onSaved, onError],
  );

  /** Runs after every save asked for before it. */
  const inTurn = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(work, work);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const save = useCallback(
    (field: ReviewField, value: string, confirm: boolean): Promise<ReviewField[] | null> =>
      inTurn(async () => {
        const before = field.raw ?? '';
        const after = value.trim();
        if (after === before && !confirm) return null;
        const fields = await send(field.id, value, confirm);
        if (fields && after !== before) {
          undoStack.current.push({ fieldId: field.id, before, after });
          redoStack.current = [];
          sync();
        }
        return fields;
      }),
    [inTurn, send],
  );

  const replay = useCallback(
    (from: { current: FieldChange[] }, to: { current: FieldChange[] }, value: (change: FieldChange) => string): Promise<string | null> =>
      inTurn(async () => {
        const change = from.current.pop();
        if (!change) return null;
        const fields = await send(change.fieldId, value(change), false);
        if (fields) to.current.push(change);
        else from.current.push(change);
        sync();
        return change.fieldId;
      }),
    [inTurn, send],
  );

  return {
    save,
    /** Puts back the value before the last saved change; resolves to the field it changed. */
    undo: useCallback(() => replay(undoStack, redoStack, (change) => change.before), [replay]),
    redo: useCallback(() => replay(redoStack, undoStack, (change) => change.after), [replay]),
    undoCount: depth.undo,
    redoCount: depth.redo,
  };
}
