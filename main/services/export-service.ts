import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FolioError } from '../../app/contract/errors';
import { csvChunks } from '../../app/export/csv';
import { fhirBundleChunks } from '../../app/export/fhir';
import { jsonChunks } from '../../app/export/json';
import type { ExportContext, ExportDocument, ExportFormat } from '../../app/export/types';
import { toExportField } from '../../app/export/types';
import { logger } from '../log/logger';
import { personFolder } from '../platform/path-policy';
import type { AuditLog } from '../vault/audit-log';
import type { VaultDatabase } from '../vault/database';
import type { DocumentStore } from '../vault/document-store';
import { syncDirectory } from '../vault/durable-files';
import type { FieldStore } from '../vault/field-store';

const log = logger('export');

const RENDERERS: Record<ExportFormat, (documents: readonly ExportDocument[], context: ExportContext) => Generator<string>> = {
  'fhir-r4': fhirBundleChunks,
  csv: csvChunks,
  json: jsonChunks,
};
const EXTENSIONS: Record<ExportFormat, string> = { 'fhir-r4': 'fhir.json', csv: 'csv', json: 'json' };
/** Documents read between two turns of the event loop, so other hosts' calls are not held up. */
const DOCUMENTS_PER_TURN = 25;
/** Rendered text gathered before one write (and one turn of the event loop). */
const WRITE_BYTES = 256 * 1024;

export interface ExportRequest {
  documentIds: readonly string[];
  format: ExportFormat;
  /** A folder; without one the content is returned instead of written. */
  destination?: string | undefined;
}

export interface ExportOutcome {
  file: string | null;
  content?: string;
  format: ExportFormat;
  documents: number;
  bytes: number;
  exportedAt: string;
  batchId: string;
}

export interface ExportServiceDeps {
  db: VaultDatabase;
  store: DocumentStore;
  fieldStore: FieldStore;
  audit: AuditLog;
  /** A person's display name for the "approved by" of each document. */
  userName: (userId: string) => string | null;
  /** The workstation's data folder: plaintext exports are refused inside it. */
  dataDir: string;
  now: () => Date;
}

/**
 * The one way approved values leave the vault. Only approved documents go; each exported
 * document gets an `export` audit row (one batch id per export), committed together with the
 * file's move into place, so the trail and the folder agree. The file is written beside its
 * final name, fsynced, and renamed: a crash leaves no half export under a real name.
 *
 * The output is plaintext PHI by design (it is what the person asked for), which is why it may
 * not land in the vault's folder, where everything is promised encrypted. It is created
 * readable by its owner only.
 */
export class ExportService {
  constructor(private readonly deps: ExportServiceDeps) {}

  async export(actorId: string, request: ExportRequest): Promise<ExportOutcome> {
    const ids = [...new Set(request.documentIds)];
    const folder = request.destination === undefined ? null : this.checkFolder(request.destination);
    const documents = await this.collect(ids);
    const context: ExportContext = { exportedAt: this.deps.now().toISOString(), batchId: randomUUID() };
    const chunks = RENDERERS[request.format](documents, context);
    const outcome = { format: request.format, documents: documents.length, exportedAt: context.exportedAt, batchId: context.batchId };
    const record = (): void => {
      for (const doc of documents) {
        // Reading the batch yields to other calls: one may have reopened a document meanwhile.
        if (this.deps.store.summary(doc.id)?.status !== 'approved') {
          throw new FolioError('conflict', 'A chosen document was reopened during the export. Nothing was exported; export again.');
        }
        const entry = this.deps.audit.append(actorId, { kind: 'export', documentId: doc.id, format: request.format, batchId: context.batchId });
        this.deps.store.markExported(doc.id, entry.at);
      }
    };

    if (folder === null) {
      const content = [...chunks].join('');
      const bytes = Buffer.byteLength(content, 'utf8');
      this.deps.db.transaction(record)();
      log.info('export returned', { documents: documents.length, format: request.format, bytes });
      return { ...outcome, bytes, file: null, content };
    }

    const name = `folio-export-${context.exportedAt.replace(/[-:]|\.\d+/g, '')}-${context.batchId.slice(0, 8)}.${EXTENSIONS[request.format]}`;
    const file = path.join(folder, name);
    const partial = path.join(folder, `.${name}.partial`);
    let bytes: number;
    let renamed = false;
    try {
      bytes = await writeDurably(partial, chunks);
      this.deps.db.transaction(() => {
        record();
        fs.renameSync(partial, file);
        renamed = true;
      })();
    } catch (error) {
      // Nothing exported means no file either: not the partial, nor one renamed before a failed commit.
      fs.rmSync(renamed ? file : partial, { force: true });
      throw writeError(error);
    }
    syncDirectory(folder);
    log.info('export written', { documents: documents.length, format: request.format, bytes });
    return { ...outcome, bytes, file };
  }

  /** The destination as a real, existing folder outside the data folder (the one path policy). */
  private checkFolder(destination: string): string {
    return personFolder(destination, { what: 'export folder', dataDir: this.deps.dataDir });
  }

  private async collect(ids: readonly string[]): Promise<ExportDocument[]> {
    const documents: ExportDocument[] = [];
    let notApproved = 0;
    for (const [i, id] of ids.entries()) {
      if (i > 0 && i % DOCUMENTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
      const summary = this.deps.store.summary(id);
      if (!summary) throw new FolioError('not_found', 'One of the chosen documents does not exist.');
      if (summary.status !== 'approved' || !summary.approvedAt) {
        notApproved += 1;
        continue;
      }
      const approval = this.deps.audit
        .forDocument(id)
        .filter((entry) => entry.event.kind === 'approve')
        .at(-1);
      documents.push({
        id,
        kind: summary.kind,
        name: summary.name,
        importedAt: summary.importedAt,
        approvedAt: summary.approvedAt,
        approvedBy: approval?.actorId ? this.deps.userName(approval.actorId) : null,
        pageCount: summary.pageCount,
        fields: this.deps.fieldStore.fields(id).map(toExportField),
      });
    }
    if (notApproved > 0) {
      throw new FolioError('conflict', `${notApproved} of the ${ids.length} chosen documents are not approved. Only approved documents can be exported.`);
    }
    return documents;
  }
}

/** Writes the chunks as they are rendered, a few hundred KiB at a time, then fsyncs; returns the bytes written. */
async function writeDurably(file: string, chunks: Iterable<string>): Promise<number> {
  const handle = await fs.promises.open(file, 'wx', 0o600);
  let bytes = 0;
  try {
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = async (): Promise<void> => {
      const buffer = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingLength = 0;
      for (let done = 0; done < buffer.length; ) {
        const { bytesWritten } = await handle.write(buffer, done, buffer.length - done, bytes + done);
        done += bytesWritten;
      }
      bytes += buffer.length;
    };
    for (const chunk of chunks) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= WRITE_BYTES) await flush();
    }
    await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}

/** A failed write, in words the person can act on and without the path (it may name a patient). */
function writeError(error: unknown): FolioError {
  if (error instanceof FolioError) return error;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'ENOENT': // a folder that takes no new files: a kernel view, a mount point gone away
    case 'ENOTDIR':
    case 'EISDIR':
    case 'EINVAL':
      return new FolioError('forbidden', 'Folio may not write to that folder. Choose another one.');
    case 'ENOSPC':
    case 'EDQUOT':
      return new FolioError('internal', 'The disk of the export folder is full. Nothing was exported.');
    default:
      return new FolioError('internal', 'The export could not be written. Nothing was exported.');
  }
}
