import { FolioError } from '../../app/contract/errors';
import type { AuditRow, HistoryEntry } from '../../app/contract/audit';
import type { Settings } from '../../app/contract/session';
import type { OcrEngineHolder } from '../ocr/engine-holder';
import type { WatchFolderService } from './watch-folder-service';
import { exportAuditTrail } from './audit-export-service';
import { summariseAuditEvent, ViewThrottle } from './audit-summary';
import { documentOf } from '../vault/audit-events';
import type { AuditEntry, AuditLog } from '../vault/audit-log';
import { assertRoleMay } from '../vault/roles';
import type { Handlers } from './dispatcher';
import type { DocumentServices } from './document-services';
import type { TokenApiService } from './token-api-service';
import { publicUser, type VaultSession } from './vault-session';

/**
 * Every contract method, wired to its service, with the role check and the audit row that
 * belong to it. A change and its audit row (by the signed-in person) commit in one
 * transaction wherever the change itself is one.
 */
export function createHandlers(
  session: VaultSession,
  services: () => DocumentServices,
  engines: OcrEngineHolder,
  watchFolder: () => WatchFolderService,
  /** Shared with the page-image route, so a page fetched while its document is open is the same look. */
  views: ViewThrottle = new ViewThrottle(),
  /** The desktop app's local API for programs; null where the host serves none (browser mode, CLI). */
  tokenApi: TokenApiService | null = null,
): Handlers {
  const actor = (): string => session.requireUser().id;
  const audit = (): AuditLog => session.requireVault().audit;
  const may = (action: Parameters<typeof assertRoleMay>[1]): void => assertRoleMay(session.requireUser().role, action);
  /** Audit rows as people read them: the actor by name, the event in a sentence. */
  const historyEntries = (): ((entry: AuditEntry) => HistoryEntry) => {
    const names = new Map(session.requireVault().users.list().map((user) => [user.id, user.name]));
    return (entry) => ({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actorId ? (names.get(entry.actorId) ?? 'unknown user') : null,
      kind: entry.event.kind,
      summary: summariseAuditEvent(entry.event),
    });
  };
  const currentSettings = async (): Promise<Settings> => {
    const { settings } = session.requireVault();
    return {
      idleLockMinutes: settings.get('idleLockMinutes'),
      ocrEngine: settings.get('ocrEngine'),
      watchFolder: settings.get('watchFolder'),
      icd10File: settings.get('icd10File'),
      hcpcsFile: settings.get('hcpcsFile'),
      tokenApiPort: settings.get('tokenApiPort'),
      tokenApiServing: tokenApi?.serving ?? null,
      codeSets: await services().validation.releases(),
      activeEngine: engines.current().name as Settings['activeEngine'],
    };
  };

  return {
    'session.status': () => session.status(),
    'session.setup': (input) => session.setup(input),
    'session.unlock': (input) => session.unlock(input),
    'vault.restore': (input) => session.restore(input),
    'vault.backup': async (input) => {
      may('change-settings');
      const summary = await session.backup(input.destination);
      return { file: summary.file, bytes: summary.bytes, createdAt: summary.createdAt };
    },
    'session.lock': () => {
      session.lock('manual');
      return session.status();
    },
    'session.touch': () => {
      session.touch();
      return { ok: true as const };
    },

    'users.list': () => {
      may('manage-users');
      return { users: session.requireVault().users.list().map(publicUser) };
    },
    'users.create': async (input) => publicUser(await session.requireVault().users.createUser(session.requireUser(), input)),
    'users.update': async (input) => {
      const { users } = session.requireVault();
      const me = session.requireUser();
      if (input.role) users.setRole(me, input.userId, input.role);
      if (input.disabled !== undefined) users.setDisabled(me, input.userId, input.disabled);
      const user = users.get(input.userId);
      if (!user) throw new FolioError('not_found', 'That user does not exist.');
      return publicUser(user);
    },
    'users.changePassphrase': async (input) => {
      await session.requireVault().users.changeOwnPassphrase(session.requireUser(), input.currentPassphrase, input.newPassphrase);
      return { ok: true as const };
    },
    'users.resetPassphrase': async (input) => {
      const { users } = session.requireVault();
      await users.resetPassphrase(session.requireUser(), input.userId, input.passphrase);
      const user = users.get(input.userId);
      if (!user) throw new FolioError('not_found', 'That user does not exist.');
      return publicUser(user);
    },
    'tokens.list': () => {
      may('manage-users');
      return { tokens: session.requireVault().tokens.list() };
    },
    'tokens.create': (input) => {
      may('manage-users');
      return session.requireVault().tokens.create(session.requireUser(), input);
    },
    'tokens.revoke': (input) => {
      may('manage-users');
      return session.requireVault().tokens.revoke(session.requireUser(), input.tokenId);
    },
    'settings.get': () => currentSettings(),
    'settings.update': async (input) => {
      may('change-settings');
      const { settings } = session.requireVault();
      const before = await currentSettings();
      if (input.icd10File !== undefined || input.hcpcsFile !== undefined) {
        const files = {
          icd10: input.icd10File === undefined ? settings.get('icd10File') : input.icd10File,
          hcpcs: input.hcpcsFile === undefined ? settings.get('hcpcsFile') : input.hcpcsFile,
        };
        // Parsed first: a file that is not a release is refused and the one in use stays.
        await services().validation.replace(files);
        settings.set('icd10File', files.icd10);
        settings.set('hcpcsFile', files.hcpcs);
      }
      if (input.idleLockMinutes !== undefined) {
        settings.set('idleLockMinutes', input.idleLockMinutes);
        session.setIdleMinutes(input.idleLockMinutes);
      }
      if (input.ocrEngine !== undefined) {
        settings.set('ocrEngine', input.ocrEngine);
        engines.prefer(input.ocrEngine);
      }
      if (input.watchFolder !== undefined) watchFolder().change(input.watchFolder);
      if (input.tokenApiPort !== undefined) {
        // Opened first: a port another program holds is refused and the setting stays as it was.
        await tokenApi?.apply(input.tokenApiPort);
        settings.set('tokenApiPort', input.tokenApiPort);
      }
      const after = await currentSettings();
      // Each setting that changed is a row: who loosened the lock, or pointed the watch folder elsewhere.
      for (const setting of ['idleLockMinutes', 'ocrEngine', 'watchFolder', 'icd10File', 'hcpcsFile', 'tokenApiPort'] as const) {
        const [oldValue, newValue] = [settingText(before[setting]), settingText(after[setting])];
        if (oldValue !== newValue) audit().append(actor(), { kind: 'settings-change', setting, oldValue, newValue });
      }
      return after;
    },

    'documents.import': async (input) => {
      may('review');
      const result = await services().documents.importFiles(input);
      for (const outcome of result.outcomes) {
        if (!outcome.ok) continue;
        const summary = services().store.summary(outcome.documentId);
        audit().append(actor(), { kind: 'import', documentId: outcome.documentId, pageCount: summary?.pageCount ?? 0, format: services().store.format(outcome.documentId) ?? 'unknown' });
      }
      return result;
    },
    'documents.list': (input) => services().documents.list(input),
    'documents.get': (input) => {
      const detail = services().documents.get(input.documentId);
      if (views.shouldRecord(actor(), input.documentId)) audit().append(actor(), { kind: 'view', documentId: input.documentId });
      return detail;
    },
    'documents.approve': (input) => {
      may('approve');
      return session.requireVault().db.transaction(() => {
        const before = services().store.summary(input.documentId);
        const summary = services().documents.approve(input);
        if (before?.status !== 'approved') {
          const flagged = before?.fieldsToCheck ?? 0;
          audit().append(actor(), { kind: 'approve', documentId: input.documentId, ...(flagged > 0 ? { flagged, overrideReason: input.overrideReason } : {}) });
        }
        return summary;
      })();
    },
    'documents.approveSettled': (input) => {
      may('approve');
      return services().bulkApproval.approveSettled(input.documentIds, actor());
    },
    'documents.reject': (input) => {
      may('reject');
      return session.requireVault().db.transaction(() => {
        services().documents.reject(input.documentId);
        audit().append(actor(), { kind: 'reject', documentId: input.documentId, reason: input.reason });
        return { documentId: input.documentId };
      })();
    },
    'documents.reopen': (input) => {
      may('reopen-approved');
      return session.requireVault().db.transaction(() => {
        const status = services().store.summary(input.documentId)?.status;
        if (status !== 'approved' && status !== 'rejected') {
          throw new FolioError('conflict', 'Only an approved or rejected document can be reopened.');
        }
        services().store.reopen(input.documentId);
        audit().append(actor(), { kind: 'reopen', documentId: input.documentId, reason: input.reason });
        return { documentId: input.documentId };
      })();
    },
    'documents.export': async (input) => {
      may('export');
      return services().exports.export(actor(), input);
    },
    'documents.setKind': async (input) => {
      may('review');
      services().documents.assertEditable(input.documentId);
      const before = services().fieldStore.kind(input.documentId).kind;
      await services().fields.setKind(input.documentId, input.kind);
      audit().append(actor(), { kind: 'field-change', documentId: input.documentId, field: 'document.kind', oldValue: before, newValue: input.kind });
      return services().documents.get(input.documentId);
    },
    'documents.reread': (input) => {
      may('review');
      // The request and its audit row commit together; the page is queued after, and its new words arrive later.
      session.requireVault().db.transaction(() => {
        services().documents.markForReread(input.documentId, input.pageIndex);
        audit().append(actor(), { kind: 're-ocr', documentId: input.documentId, pageIndex: input.pageIndex, engine: engines.current().name });
      })();
      services().pipeline.enqueue(input.documentId, input.pageIndex);
      return { documentId: input.documentId, pageIndex: input.pageIndex };
    },
    'documents.cancel': (input) => ({ cancelledPages: services().documents.cancel(input.documentId) }),
    'documents.history': (input) => {
      const shown = historyEntries();
      return { entries: audit().forDocument(input.documentId).map(shown) };
    },
    'words.update': (input) => {
      may('review');
      // The edit and its audit row commit together: no change without a record of who made it.
      return session.requireVault().db.transaction(() => {
        const before = services().store.word(input.documentId, input.wordId);
        const word = services().documents.updateWord(input);
        if (before && before.text !== word.text) {
          audit().append(actor(), { kind: 'field-change', documentId: input.documentId, field: `word ${input.wordId}`, oldValue: before.text, newValue: word.text });
        }
        return word;
      })();
    },
    'fields.update': async (input) => {
      may('review');
      services().documents.assertEditable(input.documentId);
      const who = actor();
      const record = (before: { raw: string | null }, after: { raw: string | null }): void => {
        if (before.raw !== after.raw) {
          audit().append(who, { kind: 'field-change', documentId: input.documentId, field: input.fieldId, oldValue: before.raw, newValue: after.raw });
        }
        if (input.confirm) audit().append(who, { kind: 'field-confirm', documentId: input.documentId, field: input.fieldId, value: after.raw });
      };
      const fields = await services().fields.update(input.documentId, input.fieldId, input.value, record, input.confirm ?? false);
      return { fields };
    },
    'fields.addRow': (input) => {
      may('review');
      services().documents.assertEditable(input.documentId);
      const who = actor();
      return services().rows.addRow(input.documentId, input.group, (index) => audit().append(who, { kind: 'field-add', documentId: input.documentId, group: input.group, index }));
    },
    'fields.removeRow': (input) => {
      may('review');
      services().documents.assertEditable(input.documentId);
      const who = actor();
      const fields = services().rows.removeRow(input.documentId, input.group, input.index, (values) =>
        audit().append(who, { kind: 'field-remove', documentId: input.documentId, group: input.group, index: input.index, values }),
      );
      return { fields };
    },
    'regions.recognize': async (input) => {
      may('review');
      const reading = await services().regions.recognize(input);
      // What was read off the page is shown to the person: a look at the document, like opening it.
      if (views.shouldRecord(actor(), input.documentId)) audit().append(actor(), { kind: 'view', documentId: input.documentId });
      return reading;
    },
    'audit.verify': () => {
      may('verify-audit');
      const fingerprint = audit().anchor?.keys.fingerprint;
      return { ...audit().verify(), ...(fingerprint ? { fingerprint } : {}) };
    },
    'audit.export': (input) => {
      may('verify-audit');
      return exportAuditTrail(session.requireVault(), actor(), input.destination, session.dataDir, new Date());
    },
    'audit.recent': (input) => {
      may('verify-audit');
      const shown = historyEntries();
      const entries: AuditRow[] = audit()
        .recent(input.limit ?? 50, input.beforeSeq)
        .map((entry) => {
          const documentId = documentOf(entry.event);
          return { ...shown(entry), documentId, documentName: documentId ? (services().store.summary(documentId)?.name ?? null) : null };
        });
      return { entries };
    },
    'templates.list': () => ({ templates: services().templates.list() }),
    'templates.get': (input) => {
      may('manage-templates');
      return services().templates.get(input.id);
    },
    'templates.save': (input) => {
      may('manage-templates');
      return services().templates.save(actor(), input.template);
    },
    'templates.delete': (input) => {
      may('manage-templates');
      return services().templates.delete(actor(), input.id);
    },
    'templates.export': (input) => {
      may('manage-templates');
      return services().templates.export(actor(), input.id);
    },
    'templates.import': (input) => {
      may('manage-templates');
      return services().templates.import(actor(), input.json, input.replace ?? false);
    },
    'templates.propose': (input) => {
      may('manage-templates');
      const draft = services().templates.propose(input);
      // The sample's words become the draft: that is a look at the document, like opening it.
      if (views.shouldRecord(actor(), input.documentId)) audit().append(actor(), { kind: 'view', documentId: input.documentId });
      return { template: draft };
    },
    'templates.test': async (input) => {
      may('manage-templates');
      const trial = await services().templates.test(input.documentId, input.template);
      if (views.shouldRecord(actor(), input.documentId)) audit().append(actor(), { kind: 'view', documentId: input.documentId });
      return trial;
    },
    'search.query': (input) => {
      may('review');
      const hits = session.requireVault().search.search(input.text, 50).flatMap((hit) => {
        const summary = services().store.summary(hit.documentId);
        return summary ? [{ ...hit, documentName: summary.name }] : [];
      });
      // Snippets and file names are a look at PHI: who searched for what, and which documents it showed.
      if (views.shouldRecord(actor(), `search:${input.text}`)) {
        audit().append(actor(), { kind: 'search', query: input.text, hits: hits.length, documentIds: [...new Set(hits.map((hit) => hit.documentId))] });
      }
      return { hits };
    },
  };
}

/** A setting's value as the trail records it: a number or name as it is, a code-set file by its release and path. */
function settingText(value: Settings[keyof Settings]): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'release' in value) return `${value.release} (${value.path})`;
  return String(value);
}
