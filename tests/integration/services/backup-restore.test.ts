import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { SessionStatus } from '../../../app/contract/session';
import type { DocumentSummary } from '../../../app/model/document';
import { configureLogging } from '../../../main/log/logger';
import { NoSecretStore } from '../../../main/vault/secret-store';
import { openWorkstation } from '../../../main/services/workstation';
import { renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { TEST_ADMIN, TEST_VAULT_PASSPHRASE, openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'cli' as const };

describe('backing up the vault and restoring it on another computer (through the contract)', () => {
  const backups = makeTempDir('folio-backups-');
  const elsewhere = makeTempDir('folio-restored-');
  afterAll(() => {
    backups.remove();
    elsewhere.remove();
  });

  it('writes an encrypted backup an admin asked for, and brings it back whole with the vault passphrase', async () => {
    const { workstation, cleanup } = await openTestWorkstation();
    const page = await renderLinesPage(['Lab report', 'Patient: Quintus Marlowe']);
    const imported = await workstation.dispatch('documents.import', { files: [{ name: 'lab.png', dataBase64: toBase64(page.png) }] }, context);
    expect(imported.ok).toBe(true);
    await workstation.idle();
    const destination = path.join(backups.dir, 'folio-backup.fbak');
    const made = await workstation.dispatch('vault.backup', { destination }, context);
    expect(made).toMatchObject({ ok: true });
    const bytes = fs.readFileSync(destination);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('Quintus'))).toBe(false);
    const again = await workstation.dispatch('vault.backup', { destination }, context);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await cleanup();

    configureLogging({ dataDir: elsewhere.dir, console: false });
    const restored = openWorkstation({ dataDir: elsewhere.dir, secrets: new NoSecretStore(), workers: 1 });
    try {
      const wrong = await restored.dispatch('vault.restore', { backupFile: destination, vaultPassphrase: 'not the passphrase' }, context);
      expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(fs.existsSync(path.join(elsewhere.dir, 'vault', 'folio.db'))).toBe(false);
      // A wrong attempt slows the next one, as unlock does (tests/integration/vault/backup.test.ts).
      const waiting = (await restored.dispatch('session.status', {}, context)) as Result<{ retryAfterMs?: number | null }>;
      const retryAfterMs = waiting.ok ? (waiting.value.retryAfterMs ?? 0) : 0;
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs + 50));

      const status = (await restored.dispatch('vault.restore', { backupFile: destination, vaultPassphrase: TEST_VAULT_PASSPHRASE }, context)) as Result<SessionStatus>;
      expect(status).toMatchObject({ ok: true, value: { state: 'locked' } });
      const unlocked = await restored.dispatch('session.unlock', { userName: TEST_ADMIN.name, passphrase: TEST_ADMIN.passphrase, vaultPassphrase: TEST_VAULT_PASSPHRASE }, context);
      expect(unlocked.ok).toBe(true);
      const list = (await restored.dispatch('documents.list', {}, context)) as Result<{ documents: DocumentSummary[] }>;
      expect(list.ok && list.value.documents.map((doc) => doc.name)).toEqual(['lab.png']);
    } finally {
      await restored.close();
    }
  });
});
