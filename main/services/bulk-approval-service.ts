import { FolioError, isFolioError } from '../../app/contract/errors';
import type { MethodOutput } from '../../app/contract/methods';
import type { FieldStatus } from '../../app/model/field';
import type { AuditLog } from '../vault/audit-log';
import type { VaultDatabase } from '../vault/database';
import type { DocumentStore } from '../vault/document-store';
import type { FieldStore } from '../vault/field-store';
import type { DocumentService } from './document-service';

/**
 * The statuses a document may hold in every field and still be approved without being opened:
 * the machine is sure, a person has confirmed it, or the field is optional and not printed.
 * Anything a person must look at (`check`, `missing`, `invalid`) keeps the document in the queue.
 */
const SETTLED: ReadonlySet<FieldStatus> = new Set(['confident', 'confirmed', 'blank']);

export interface BulkApprovalDeps {
  db: VaultDatabase;
  store: DocumentStore;
  fieldStore: FieldStore;
  documents: DocumentService;
  audit: AuditLog;
}

/**
 * Approval of many documents at once, for a queue of clean prescriptions. Each document is
 * judged and approved on its own, with its approval and audit row in one transaction, so one
 * that is not ready (or changed since the list was drawn) is skipped, never half-approved.
 */
export class BulkApprovalService {
  constructor(private readonly deps: BulkApprovalDeps) {}

  approveSettled(documentIds: readonly string[], actorId: string): MethodOutput<'documents.approveSettled'> {
    const approved: string[] = [];
    const skipped: Array<{ documentId: string; reason: string }> = [];
    for (const documentId of new Set(documentIds)) {
      try {
        this.deps.db.transaction(() => this.approveOne(documentId, actorId))();
        approved.push(documentId);
      } catch (error) {
        if (!isFolioError(error)) throw error;
        skipped.push({ documentId, reason: error.message });
      }
    }
    return { approved, skipped };
  }

  /** Why a document cannot be approved unopened, in words; null when it can. */
  unsettledReason(documentId: string): string | null {
    const summary = this.deps.store.summary(documentId);
    if (!summary) return 'That document does not exist.';
    if (summary.status === 'approved') return 'It is approved already.';
    if (summary.status !== 'ready') return 'It is not ready for approval (still being read, failed or rejected).';
    const open = this.deps.fieldStore.fields(documentId).filter((field) => !SETTLED.has(field.status)).length;
    if (open > 0) return `${open} field(s) still need a look: open it to check them.`;
    return null;
  }

  private approveOne(documentId: string, actorId: string): void {
    const reason = this.unsettledReason(documentId);
    if (reason !== null) throw new FolioError('conflict', reason);
    this.deps.documents.approve({ documentId });
    this.deps.audit.append(actorId, { kind: 'approve', documentId });
  }
}
