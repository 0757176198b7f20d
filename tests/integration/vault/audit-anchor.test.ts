import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import { runCli } from '../../../main/hosts/cli/main';
import { vaultFile, type Workstation } from '../../../main/services/workstation';
import { headFileFor } from '../../../main/vault/audit-anchor';
import { canonicalJson } from '../../../main/vault/audit-events';
import { auditRowHash } from '../../../main/vault/audit-log';
import { makeTempDir } from '../../support/temp-dir';
import { openVaultFile, vaultKeyFor } from '../../support/vault-files';
import { TEST_VAULT_PASSPHRASE, openTestWorkstation } from '../../support/workstation';

const context = { host: 'http' as const };
type Verification = Result<{ ok: boolean; firstBadSeq?: number; problem?: string; rows?: number; fingerprint?: string; sealedFrom?: number }>;

/**
 * Finding 1 of issue 13: someone holding the vault key (every person at a workstation in
 * passphrase mode may know it) opens the database, rewrites rows, recomputes the hash chain and
 * its head, and Verify used to answer ok. The seals and the sealed head are made with the audit
 * anchor, which the database does not hold: Verify names the first rewritten row.
 */
describe('the audit trail is anchored outside the database', () => {
  const temp = makeTempDir();
  const out = makeTempDir();
  let workstation: Workstation;
  let cleanup: () => Promise<void>;

  const reopen = async (): Promise<void> => {
    await workstation.close();
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir }));
  };
  const verify = async (): Promise<Verification> => (await workstation.dispatch('audit.verify', {}, context)) as Verification;

  /** What an attacker with the key does: drop the guards, change a row, recompute every hash from it on, and the head. */
  async function rewriteWithTheKey(edit: (db: ReturnType<typeof openVaultFile>) => number): Promise<number> {
    await workstation.close();
    const key = await vaultKeyFor(temp.dir, TEST_VAULT_PASSPHRASE);
    const db = openVaultFile(vaultFile(temp.dir), key);
    try {
      db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
      const from = edit(db);
      const rows = db.prepare('SELECT seq, at, actor_id, kind, document_id, details FROM audit_events WHERE seq >= ? ORDER BY seq').all(from) as Array<{
        seq: number;
        at: string;
        actor_id: string | null;
        kind: string;
        document_id: string | null;
        details: string;
      }>;
      let prev = (db.prepare('SELECT hash FROM audit_events WHERE seq = ?').get(from - 1) as { hash: Buffer } | undefined)?.hash ?? Buffer.alloc(32);
      for (const row of rows) {
        const hash = auditRowHash(prev, row);
        db.prepare('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
        prev = hash;
      }
      const last = rows.at(-1);
      if (last) db.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(last.seq, prev);
      return from;
    } finally {
      db.close();
      key.fill(0);
    }
  }

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir }));
    for (const name of ['Rae Reviewer', 'Sam Supervisor']) {
      expect(await workstation.dispatch('users.create', { name, role: 'reviewer', passphrase: 'a passphrase of theirs' }, context)).toMatchObject({ ok: true });
    }
    for (let i = 0; i < 5; i += 1) await workstation.dispatch('session.unlock', { userName: 'Nobody', passphrase: 'wrong passphrase here' }, context);
    await workstation.dispatch('settings.update', { idleLockMinutes: 30 }, context);
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
    out.remove();
  });

  it('verifies a trail sealed from its first row, and names the anchor’s fingerprint', async () => {
    expect(await verify()).toMatchObject({ ok: true, value: { ok: true, sealedFrom: 1, fingerprint: expect.stringMatching(/^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/) as string } });
  });

  it('writes a signed export that the CLI verifies on its own, pinned to the fingerprint, and refuses once a byte is changed', async () => {
    const file = path.join(out.dir, 'trail.json');
    const exported = (await workstation.dispatch('audit.export', { destination: file }, context)) as Result<{ rows: number; fingerprint: string }>;
    expect(exported).toMatchObject({ ok: true });
    const fingerprint = exported.ok ? exported.value.fingerprint : '';
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(await runCli(['audit-verify', file, '--key', fingerprint])).toBe(0);
    expect(await runCli(['audit-verify', file, '--key', 'aaaa-bbbb'])).toBe(1);
    const forged = JSON.parse(fs.readFileSync(file, 'utf8')) as { rows: Array<{ at: string }> };
    forged.rows[1] = { ...forged.rows[1], at: '2020-01-01T00:00:00.000Z' };
    const forgedFile = path.join(out.dir, 'forged.json');
    fs.writeFileSync(forgedFile, JSON.stringify(forged));
    expect(await runCli(['audit-verify', forgedFile])).toBe(1);
    expect(canonicalJson(forged)).not.toEqual(canonicalJson(JSON.parse(fs.readFileSync(file, 'utf8'))));
  });

  it('names the first row rewritten by someone with the vault key who recomputed the chain in the database', async () => {
    const target = await rewriteWithTheKey((db) => {
      // Make a reviewer an admin, in the row that created them.
      const row = db.prepare("SELECT seq, details FROM audit_events WHERE kind = 'user-change' ORDER BY seq LIMIT 1 OFFSET 1").get() as { seq: number; details: string };
      db.prepare('UPDATE audit_events SET details = ? WHERE seq = ?').run(row.details.replace('"reviewer"', '"admin"'), row.seq);
      return row.seq;
    });
    await reopen();
    expect(await verify()).toMatchObject({ ok: true, value: { ok: false, firstBadSeq: target, problem: 'seal-broken' } });
  });

  it('notices rows deleted off the end with their seals, even after new rows were appended', async () => {
    // A fresh trail for this one: the one above stays broken, as it should.
    await workstation.close();
    fs.rmSync(temp.dir, { recursive: true, force: true });
    fs.mkdirSync(temp.dir);
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir }));
    for (let i = 0; i < 4; i += 1) await workstation.dispatch('settings.update', { idleLockMinutes: 20 + i }, context);
    const before = (await verify()) as Verification;
    const rows = before.ok && before.value.ok ? (before.value.rows ?? 0) : 0;
    expect(rows).toBeGreaterThan(4);
    await rewriteWithTheKey((db) => {
      db.exec('DROP TRIGGER audit_seals_no_delete;');
      db.prepare('DELETE FROM audit_events WHERE seq > ?').run(rows - 3);
      db.prepare('DELETE FROM audit_seals WHERE seq > ?').run(rows - 3);
      return rows - 3;
    });
    await reopen();
    expect(fs.existsSync(headFileFor(vaultFile(temp.dir)))).toBe(true);
    expect(await verify()).toMatchObject({ ok: true, value: { ok: false, problem: 'truncated' } });
  });
});
