/**
 * The document and field open when Folio locked, so that after unlocking the person is back
 * where they were. Held in memory only (ids, no values): a restart starts from the queue.
 */
let open: { documentId: string; fieldId: string | null } | null = null;

export const reviewResume = {
  remember(documentId: string, fieldId: string | null): void {
    open = { documentId, fieldId };
  },
  documentId(): string | null {
    return open?.documentId ?? null;
  },
  fieldId(documentId: string): string | null {
    return open?.documentId === documentId ? open.fieldId : null;
  },
};
