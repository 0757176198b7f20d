import { FolioError } from '../../app/contract/errors';
import { logger } from '../log/logger';
import { WatchFolder } from '../pipeline/watch-folder';
import { personFolder } from '../platform/path-policy';
import type { DocumentServices } from './document-services';
import type { OpenVault } from './vault-session';

const log = logger('watch-folder');

/** Starts, restarts and stops the watch folder from the admin's setting. */
export class WatchFolderService {
  private watcher: WatchFolder | null = null;

  constructor(
    private readonly vault: OpenVault,
    private readonly services: DocumentServices,
    /** Folio's data folder: never watched, nor any folder that holds it. */
    private readonly dataDir: string,
  ) {}

  /**
   * Applies the stored setting; called when the vault opens. A folder saved before the path
   * policy existed (the data folder, `/`, a kernel view) is not watched; one that is only missing
   * (a share not mounted yet) is, as each poll copes with that.
   */
  start(): void {
    const folder = this.vault.settings.get('watchFolder');
    this.apply(folder === null ? null : this.stillAllowed(folder));
  }

  /** Checks the folder before saving, so a typo is refused instead of silently watching nothing. */
  change(folder: string | null): void {
    const real = folder === null ? null : this.checked(folder);
    this.vault.settings.set('watchFolder', real);
    this.apply(real);
  }

  private checked(folder: string): string {
    return personFolder(folder, { what: 'watch folder', dataDir: this.dataDir, mayHoldDataFolder: false });
  }

  private stillAllowed(folder: string): string | null {
    try {
      return this.checked(folder);
    } catch (error) {
      const code = error instanceof FolioError ? error.code : 'unknown';
      if (code === 'not_found') return folder;
      log.warn('stored watch folder refused by the path policy; not watching', { code });
      return null;
    }
  }

  stop(): void {
    this.watcher?.stop();
    this.watcher = null;
  }

  private apply(folder: string | null): void {
    this.stop();
    if (!folder) return;
    this.watcher = new WatchFolder(folder, this.vault.db, async (name, bytes) => {
      const outcome = await this.services.documents.importFile(name, bytes);
      if (!outcome.ok) return { ok: false, code: outcome.error.code };
      const summary = this.services.store.summary(outcome.documentId);
      // No person imported it: the audit row has no actor, and says where it came from by format only.
      this.vault.audit.append(null, { kind: 'import', documentId: outcome.documentId, pageCount: summary?.pageCount ?? 0, format: this.services.store.format(outcome.documentId) ?? 'unknown' });
      return { ok: true, documentId: outcome.documentId };
    });
    this.watcher.start();
  }
}
