import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../app/contract/audit';
import type { DocumentDetail, DocumentSummary } from '../../../app/model/document';
import { vaultFile } from '../../../main/services/workstation';
import { blobDirFor, readSealedBlob } from '../../../main/vault/blob-store';
import { FolioHttpClient } from '../../support/api-client';
import { startBrowserMode } from '../../support/browser-mode';
import { ensureBuilt } from '../../support/build';
import { multiPageTiff } from '../../fixtures/scans/tiff-builders';
import { renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { copyCrashState, forgetVaultKey, integrityCheck, openVaultFile, vaultKeyFor } from '../../support/vault-files';
import { TEST_ADMIN, TEST_VAULT_PASSPHRASE } from '../../support/workstation';

// The crash test of issue 4: a real browser-mode process, driven over HTTP as the UI drives it,
// killed with SIGKILL (no shutdown hook runs) in the middle of work. What the person was told
// had succeeded must be there after a restart, the file must be sound, and no page may stay
// "being read" forever.

const children = new Set<ChildProcess>();

async function startSignedIn(dataDir: string): Promise<{ client: FolioHttpClient; child: ChildProcess }> {
  const started = await startBrowserMode(dataDir);
  children.add(started.child);
  const client = await FolioHttpClient.connect(started.launchUrl);
  const status = await client.openVault(TEST_ADMIN, TEST_VAULT_PASSPHRASE);
  if (status.state !== 'unlocked') throw new Error(`vault did not open: ${status.state}`);
  return { client, child: started.child };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  children.delete(child);
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Several lines of text per page, different on every page, so OCR takes a moment per page. The
 * labels make it a prescription: a page without them would be `other`, with no fields to check.
 */
async function page(document: number, index: number): Promise<Buffer> {
  const lines = Array.from({ length: 10 }, (_, line) => `Batch ${document} page ${index} line ${line}: Atorvastatin 20 mg tablet, take one daily`);
  return (await renderLinesPage(['Rx: Atorvastatin 20 mg tablet', 'Sig: Take 1 tablet by mouth once daily', 'Qty: 30   Refills: 3', ...lines])).png;
}

const settled = (status: string): boolean => status !== 'queued' && status !== 'processing';

describe('kill -9 of browser mode mid-work (real process, real vault)', () => {
  const temps: Array<{ dir: string; remove: () => void }> = [];
  const tempDir = (): string => {
    const temp = makeTempDir('folio-crash-');
    temps.push(temp);
    return temp.dir;
  };

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    for (const child of children) await killHard(child);
    for (const temp of temps) {
      await forgetVaultKey(temp.dir).catch(() => undefined);
      temp.remove();
    }
  });

  describe('during a batch import', () => {
    let dataDir: string;
    let key: Buffer;
    let crashCopy: string;
    let second: { client: FolioHttpClient; child: ChildProcess };
    let acknowledged: string[];
    let unfinishedAtCrash: number;

    beforeAll(async () => {
      dataDir = tempDir();
      const first = await startSignedIn(dataDir);
      const files = await Promise.all(
        [0, 1, 2].map(async (document) => ({
          name: `batch-${document}.tiff`,
          dataBase64: (await multiPageTiff(await Promise.all([0, 1, 2].map((index) => page(document, index))))).toString('base64'),
        })),
      );
      const imported = await first.client.call<{ outcomes: Array<{ ok: boolean; documentId?: string }> }>('documents.import', { files });
      if (!imported.outcomes.every((outcome) => outcome.ok)) throw new Error('the batch was not imported');
      acknowledged = imported.outcomes.map((outcome) => outcome.documentId as string);

      // Kill as soon as the first document is read while the others are still in the pipeline:
      // its field extraction and the other documents' OCR are both in flight.
      await waitFor(
        'the first document to be read',
        async () => {
          const { documents } = await first.client.call<{ documents: DocumentSummary[] }>('documents.list');
          return documents.some((doc) => doc.status === 'ready') && documents.some((doc) => !settled(doc.status)) ? true : null;
        },
        60_000,
        25,
      );
      await killHard(first.child);

      key = await vaultKeyFor(dataDir, TEST_VAULT_PASSPHRASE);
      crashCopy = copyCrashState(dataDir, tempDir());
      const snapshot = openVaultFile(crashCopy, key, { readonly: true });
      unfinishedAtCrash = (snapshot.prepare(`SELECT count(*) AS n FROM pages WHERE status IN ('queued', 'processing')`).get() as { n: number }).n;
      snapshot.close();

      second = await startSignedIn(dataDir);
    });
    afterAll(() => key?.fill(0));

    it('leaves a sound file: integrity_check of the crash state is ok', () => {
      expect(integrityCheck(crashCopy, key)).toEqual(['ok']);
      // The kill really interrupted the batch.
      expect(unfinishedAtCrash).toBeGreaterThan(0);
    });

    it('every original and page image the crash state names is on disk whole (each file was durable before its row)', () => {
      const snapshot = openVaultFile(crashCopy, key, { readonly: true });
      try {
        const blobs = snapshot.prepare('SELECT id, key, bytes FROM blobs').all() as Array<{ id: string; key: Buffer; bytes: number }>;
        // Three originals at least, and the first page of each decoded at import.
        expect(blobs.length).toBeGreaterThanOrEqual(6);
        for (const blob of blobs) expect(readSealedBlob(blobDirFor(vaultFile(dataDir)), blob.id, blob.key).length).toBe(blob.bytes);
      } finally {
        snapshot.close();
      }
    });

    it('keeps every acknowledged document, and reads every interrupted page again (done, or failed with a reason)', async () => {
      const documents = await waitFor(
        'interrupted pages to be read again',
        async () => {
          const { documents: list } = await second.client.call<{ documents: DocumentSummary[] }>('documents.list');
          return list.length === acknowledged.length && list.every((doc) => settled(doc.status)) ? list : null;
        },
        60_000,
      );
      expect(documents.map((doc) => doc.id).sort()).toEqual([...acknowledged].sort());
      for (const documentId of acknowledged) {
        const detail = await second.client.call<DocumentDetail>('documents.get', { documentId });
        expect(detail.pages).toHaveLength(3);
        for (const pageState of detail.pages) {
          expect(['done', 'failed'], `page ${pageState.index}`).toContain(pageState.status);
          if (pageState.status === 'done') expect(pageState.words.length).toBeGreaterThan(0);
          else expect(pageState.error?.message).toBeTruthy();
        }
      }
    });

    it('makes every read document reviewable: its fields are extracted, even if the kill hit extraction', async () => {
      for (const documentId of acknowledged) {
        // "ready" is set just before extraction finishes; a few seconds cover that, not a lost extraction.
        const detail = await waitFor(
          'fields of a read document',
          async () => {
            const doc = await second.client.call<DocumentDetail>('documents.get', { documentId });
            return doc.status !== 'ready' || doc.kind !== null ? doc : null;
          },
          10_000,
          250,
        ).catch(() => null);
        expect(detail, `document ${acknowledged.indexOf(documentId)} is ready but was never analysed`).not.toBeNull();
        if (detail?.status === 'ready') expect(detail.fields.length).toBeGreaterThan(0);
      }
    });

    it('keeps the audit chain whole, and the live file is sound after a clean stop', async () => {
      expect(await second.client.call('audit.verify')).toMatchObject({ ok: true });
      await stop(second.child);
      expect(integrityCheck(vaultFile(dataDir), key)).toEqual(['ok']);
    });
  });

  it('during a burst of edits: every edit acknowledged to the UI is there after restart', async () => {
    const dataDir = tempDir();
    const first = await startSignedIn(dataDir);
    const png = (
      await renderLinesPage([
        'Patient: Jane Roe   DOB: 03/07/1985',
        'Rx: Atorvastatin 20 mg tablet',
        'Sig: Take 1 tablet by mouth once daily',
        'Qty: 30   Refills: 3',
        ...Array.from({ length: 10 }, (_, line) => `Note line ${line} reviewed and signed by the pharmacist on duty`),
      ])
    ).png;
    const imported = await first.client.call<{ outcomes: Array<{ documentId: string }> }>('documents.import', {
      files: [{ name: 'burst.png', dataBase64: png.toString('base64') }],
    });
    const documentId = imported.outcomes[0]?.documentId as string;
    const detail = await waitFor(
      'the page to be read',
      async () => {
        const doc = await first.client.call<DocumentDetail>('documents.get', { documentId });
        return doc.status === 'ready' && doc.fields.length > 0 ? doc : null;
      },
      60_000,
    );
    const wordIds = detail.pages.flatMap((p) => p.words.map((word) => word.id));
    const fieldIds = detail.fields.map((field) => field.id);
    expect(wordIds.length).toBeGreaterThan(40);

    // Lanes edit disjoint targets, one request in flight per target, as fast as the host answers.
    interface Target {
      kind: 'word' | 'field';
      id: string;
      sent: string[];
      lastAcked: number;
    }
    const targets: Target[] = [
      ...wordIds.slice(0, 40).map((id): Target => ({ kind: 'word', id, sent: [], lastAcked: -1 })),
      ...fieldIds.slice(0, 6).map((id): Target => ({ kind: 'field', id, sent: [], lastAcked: -1 })),
    ];
    const lanes = 6;
    let acked = 0;
    let stopped = false;
    const lane = async (laneIndex: number): Promise<void> => {
      const mine = targets.filter((_, index) => index % lanes === laneIndex);
      for (let round = 0; !stopped; round++) {
        const target = mine[round % mine.length] as Target;
        const value = `E${laneIndex}r${round}`;
        target.sent.push(value);
        const input = target.kind === 'word' ? { documentId, wordId: target.id, text: value } : { documentId, fieldId: target.id, value };
        try {
          const { result } = await first.client.post(target.kind === 'word' ? 'words.update' : 'fields.update', input);
          if (!result.ok) throw new Error(`edit refused: ${result.error.code}`);
          target.lastAcked = target.sent.length - 1;
          acked++;
        } catch (error) {
          if (stopped) return;
          throw error;
        }
      }
    };
    const running = Array.from({ length: lanes }, (_, index) => lane(index));
    await waitFor('a burst of acknowledged edits', async () => (acked >= 60 ? true : null), 60_000, 5);
    stopped = true;
    await killHard(first.child);
    await Promise.all(running);

    const key = await vaultKeyFor(dataDir, TEST_VAULT_PASSPHRASE);
    const crashCopy = copyCrashState(dataDir, tempDir());
    expect(integrityCheck(crashCopy, key)).toEqual(['ok']);

    const second = await startSignedIn(dataDir);
    const after = await second.client.call<DocumentDetail>('documents.get', { documentId });
    const words = new Map(after.pages.flatMap((p) => p.words.map((word) => [word.id, word.text] as const)));
    const fields = new Map(after.fields.map((field) => [field.id, field.raw] as const));
    let checked = 0;
    for (const target of targets) {
      if (target.lastAcked < 0) continue;
      const value = target.kind === 'word' ? words.get(target.id) : fields.get(target.id);
      // The last acknowledged value, or one sent after it whose answer the kill swallowed.
      expect(target.sent.slice(target.lastAcked), `${target.kind} ${target.id}`).toContain(value);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);

    // Each acknowledged edit was attributed: its audit row was written before the answer.
    const { entries } = await second.client.call<{ entries: HistoryEntry[] }>('documents.history', { documentId });
    const changes = entries.filter((entry) => entry.kind === 'field-change').map((entry) => entry.summary);
    for (const target of targets) {
      for (const value of target.sent.slice(0, target.lastAcked + 1)) {
        expect(changes.some((summary) => summary.endsWith(`→ ${value}`)), `audit row for ${value}`).toBe(true);
      }
    }
    expect(await second.client.call('audit.verify')).toMatchObject({ ok: true });
    await stop(second.child);
    key.fill(0);
  });
});
