import os from 'node:os';
import path from 'node:path';
import { FolioError } from '../../app/contract/errors';
import { logger } from '../log/logger';
import type { OcrEngine } from '../ocr/engine';
import { warmUpPdfReader } from '../imaging/pdf-source';
import { OcrEngineHolder } from '../ocr/engine-holder';
import type { EnginePreference } from '../ocr/select';
import { JobQueue } from '../pipeline/job-queue';
import type { LockClock } from '../vault/idle-lock';
import type { ApiPrincipal } from '../vault/api-tokens';
import type { ScryptParams } from '../vault/key-wrap';
import { KeytarSecretStore, type SecretStore } from '../vault/secret-store';
import { createDispatcher, type Dispatch } from './dispatcher';
import { createDocumentServices, type DocumentServices } from './document-services';
import { EventBus } from './event-bus';
import { ViewThrottle } from './audit-summary';
import { createHandlers } from './handlers';
import { defaultResourcesDir } from './validation-context';
import { TokenApiService, type TokenApiServerFactory } from './token-api-service';
import { VaultSession } from './vault-session';
import { WatchFolderService } from './watch-folder-service';

const log = logger('workstation');

export interface WorkstationOptions {
  dataDir: string;
  engine?: EnginePreference;
  /** Pages recognised at once; defaults to the number of cores. */
  workers?: number;
  /** Where the vault key is kept; the OS keychain unless a test or host says otherwise. */
  secrets?: SecretStore;
  /** `resources/` (code sets, models); defaults to the folder beside the code. */
  resourcesDir?: string;
  /** The clock, injectable so date checks are reproducible in tests. */
  now?: () => Date;
  lockClock?: LockClock;
  scrypt?: ScryptParams;
  /** How this host serves programs' API-token calls on the admin's port (the desktop app); none: the setting is kept but not served here. */
  tokenApiServer?: TokenApiServerFactory;
}

/** Everything a host needs: one dispatcher, one event bus, page images, and shutdown. */
export interface Workstation {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly engine: OcrEngine;
  readonly dataDir: string;
  readonly session: VaultSession;
  /**
   * A page image for display, only while someone is signed in (it is PHI): throws `locked`
   * otherwise, as every method does; null for a page that does not exist.
   */
  pageImage(documentId: string, pageIndex: number): Buffer | null;
  /** The principal of a named API token; null when unknown or revoked; `vault-closed` before the vault is first opened (it holds the tokens). */
  authenticateApiToken(token: string): ApiPrincipal | null | 'vault-closed';
  /** Waits for queued OCR to finish (tests, CLI). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function vaultFile(dataDir: string): string {
  return path.join(dataDir, 'vault', 'folio.db');
}

export function openWorkstation(options: WorkstationOptions): Workstation {
  const workers = options.workers ?? Math.max(1, os.availableParallelism());
  const events = new EventBus();
  const queue = new JobQueue(workers);
  const engines = new OcrEngineHolder(options.engine ?? 'auto', workers, () => queue.onIdle());
  const now = options.now ?? (() => new Date());
  let services: DocumentServices | null = null;
  let watchFolder: WatchFolderService | null = null;
  // Assigned below, before any vault can open: the factory is handed the finished workstation.
  let self: Workstation | null = null;
  const factory = options.tokenApiServer;
  const tokenApi = factory ? new TokenApiService((port) => factory(self as Workstation, port)) : null;

  const session = new VaultSession({
    databaseFile: vaultFile(options.dataDir),
    dataDir: options.dataDir,
    secrets: options.secrets ?? new KeytarSecretStore(),
    events,
    ...(options.lockClock ? { clock: options.lockClock } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
    onOpen: (vault) => {
      // A test or host that names an engine keeps it; otherwise the admin's setting decides.
      if (!options.engine) engines.prefer(vault.settings.get('ocrEngine'));
      services = createDocumentServices(vault, { engine: () => engines.current(), queue, events, now, resourcesDir: options.resourcesDir ?? defaultResourcesDir(), dataDir: options.dataDir });
      // Pages a crash or restart interrupted are read again as soon as the vault opens.
      services.pipeline.resumeUnfinished();
      watchFolder = new WatchFolderService(vault, services, options.dataDir);
      watchFolder.start();
      // Programs' local API comes up with the vault that holds its setting and its tokens; a taken port is logged, not fatal.
      void tokenApi?.apply(vault.settings.get('tokenApiPort')).catch((error: unknown) => log.warn('local API for programs not started', error));
      // While the person finds their first file, not during its import.
      setImmediate(() => void warmUpPdfReader());
    },
  });
  const requireServices = (): DocumentServices => {
    session.requireUser();
    if (!services) throw new FolioError('locked', 'Folio is locked. Unlock it to continue.');
    return services;
  };

  const requireWatchFolder = (): WatchFolderService => {
    session.requireUser();
    if (!watchFolder) throw new FolioError('locked', 'Folio is locked. Unlock it to continue.');
    return watchFolder;
  };
  const views = new ViewThrottle();
  const dispatch = createDispatcher(createHandlers(session, requireServices, engines, requireWatchFolder, views, tokenApi), {
    requireSession: (context) => {
      session.requireUser();
      // A program polling with a token is not a person at the keyboard: it never holds the idle lock off.
      if (!context.principal) session.touch();
    },
    runAs: (principal, run) => session.runAs(principal.userId, run),
  });
  log.info('workstation open', { engine: engines.current().name, workers });

  self = {
    dispatch,
    events,
    get engine() {
      return engines.current();
    },
    dataDir: options.dataDir,
    session,
    pageImage: (documentId, pageIndex) => {
      const user = session.requireUser();
      const image = services ? services.documents.pageImage(documentId, pageIndex) : null;
      // A page image is PHI on screen: recorded like opening its document, once per look.
      if (image && views.shouldRecord(user.id, documentId)) session.requireVault().audit.append(user.id, { kind: 'view', documentId, pageIndex });
      return image;
    },
    authenticateApiToken: (token) => {
      const tokens = session.apiTokens;
      return tokens ? tokens.authenticate(token) : 'vault-closed';
    },
    idle: () => queue.onIdle(),
    async close() {
      await tokenApi?.close();
      watchFolder?.stop();
      queue.cancel();
      await queue.onIdle();
      await engines.close();
      session.close();
    },
  };
  return self;
}
