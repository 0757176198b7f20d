import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { Workstation } from '../../../main/services/workstation';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../../support/pages';
import { TEST_ADMIN, openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'http' as const };
const SUPERVISOR = { name: 'Sam Supervisor', passphrase: 'second pair of eyes' };
const REVIEWER = { name: 'Rae Reviewer', passphrase: 'coding all day' };

describe('roles gate what a person may do (real vault)', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let documentId: string;

  async function signInAs(person: { name: string; passphrase: string }): Promise<void> {
    await workstation.dispatch('session.lock', {}, context);
    const result = await workstation.dispatch('session.unlock', { userName: person.name, passphrase: person.passphrase }, context);
    expect(result.ok).toBe(true);
  }

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    for (const [person, role] of [
      [SUPERVISOR, 'supervisor'],
      [REVIEWER, 'reviewer'],
    ] as const) {
      const created = await workstation.dispatch('users.create', { name: person.name, role, passphrase: person.passphrase }, context);
      expect(created.ok).toBe(true);
    }
    const page = await renderLinesPage(PRESCRIPTION_WITH_BAD_NPI);
    const imported = (await workstation.dispatch('documents.import', { files: [{ name: 'rx.png', dataBase64: toBase64(page.png) }] }, context)) as Result<{
      outcomes: Array<{ documentId: string }>;
    }>;
    documentId = imported.ok ? (imported.value.outcomes[0]?.documentId ?? '') : '';
    await workstation.idle();
  });
  afterAll(async () => cleanup());

  it('a reviewer approves, but may not manage people or reopen', async () => {
    await signInAs(REVIEWER);
    expect(await workstation.dispatch('documents.approve', { documentId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' }, context)).toMatchObject({ ok: true });
    expect(await workstation.dispatch('users.list', {}, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await workstation.dispatch('documents.reopen', { documentId, reason: 'wrong NPI kept' }, context)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('an admin manages people but does not reopen signed-off work', async () => {
    await signInAs(TEST_ADMIN);
    expect(await workstation.dispatch('users.list', {}, context)).toMatchObject({ ok: true });
    expect(await workstation.dispatch('documents.reopen', { documentId, reason: 'wrong NPI kept' }, context)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('a supervisor reopens an approved document with a reason, and the history names them', async () => {
    await signInAs(SUPERVISOR);
    expect(await workstation.dispatch('documents.reopen', { documentId, reason: 'wrong NPI kept' }, context)).toMatchObject({ ok: true });
    const history = (await workstation.dispatch('documents.history', { documentId }, context)) as Result<{
      entries: Array<{ kind: string; actor: string | null; summary: string }>;
    }>;
    const kinds = history.ok ? history.value.entries.map((entry) => `${entry.kind}:${entry.actor}`) : [];
    expect(kinds).toContain(`approve:${REVIEWER.name}`);
    expect(kinds).toContain(`reopen:${SUPERVISOR.name}`);
    const fix = await workstation.dispatch('fields.update', { documentId, fieldId: 'prescriber.npi', value: '1234567893' }, context);
    expect(fix).toMatchObject({ ok: true });
  });

  it('a reviewer rejects an unusable document with a reason: it is locked against edits, approval and export until a supervisor reopens it', async () => {
    await signInAs(REVIEWER);
    expect(await workstation.dispatch('documents.reject', { documentId, reason: 'no' }, context)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await workstation.dispatch('documents.reject', { documentId, reason: 'wrong patient attached' }, context)).toMatchObject({ ok: true });
    const summary = (await workstation.dispatch('documents.list', {}, context)) as Result<{ documents: Array<{ id: string; status: string }> }>;
    expect(summary.ok && summary.value.documents.find((doc) => doc.id === documentId)?.status).toBe('rejected');
    for (const [method, input] of [
      ['fields.update', { documentId, fieldId: 'prescriber.npi', value: '1234567890' }],
      ['documents.approve', { documentId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' }],
      ['documents.reject', { documentId, reason: 'rejected twice' }],
    ] as const) {
      expect(await workstation.dispatch(method, input, context), method).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    expect(await workstation.dispatch('documents.export', { documentIds: [documentId], format: 'json' }, context)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await workstation.dispatch('documents.reopen', { documentId, reason: 'it was the right patient' }, context)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signInAs(SUPERVISOR);
    expect(await workstation.dispatch('documents.reopen', { documentId, reason: 'it was the right patient' }, context)).toMatchObject({ ok: true });
    const history = (await workstation.dispatch('documents.history', { documentId }, context)) as Result<{ entries: Array<{ kind: string; actor: string | null; summary: string }> }>;
    const entries = history.ok ? history.value.entries : [];
    expect(entries.map((entry) => `${entry.kind}:${entry.actor}`).slice(-2)).toEqual([`reject:${REVIEWER.name}`, `reopen:${SUPERVISOR.name}`]);
    expect(entries.find((entry) => entry.kind === 'reject')?.summary).toMatch(/wrong patient attached/);
  });

  it('an export counts until the document is approved again: reopened and re-approved, it is new to export', async () => {
    const exportedAt = async (): Promise<string | null | undefined> => {
      const list = (await workstation.dispatch('documents.list', {}, context)) as Result<{ documents: Array<{ id: string; exportedAt: string | null }> }>;
      return list.ok ? list.value.documents.find((doc) => doc.id === documentId)?.exportedAt : undefined;
    };
    expect(await workstation.dispatch('documents.approve', { documentId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' }, context)).toMatchObject({ ok: true });
    expect(await exportedAt()).toBeNull();
    expect(await workstation.dispatch('documents.export', { documentIds: [documentId], format: 'json' }, context)).toMatchObject({ ok: true });
    expect(await exportedAt()).toEqual(expect.any(String));
    expect(await workstation.dispatch('documents.reopen', { documentId, reason: 'one more look' }, context)).toMatchObject({ ok: true });
    expect(await exportedAt()).toBeNull();
    expect(await workstation.dispatch('documents.approve', { documentId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' }, context)).toMatchObject({ ok: true });
    expect(await exportedAt()).toBeNull();
  });
});
