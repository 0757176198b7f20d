import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../app/contract/audit';
import type { Result } from '../../../app/contract/errors';
import type { Workstation } from '../../../main/services/workstation';
import { TEST_ADMIN, openTestWorkstation } from '../../support/workstation';

const context = { host: 'http' as const };
const REVIEWER = { name: 'Rae Reviewer', passphrase: 'coding all day' };

describe('the whole audit trail, for supervisors and admins (real vault)', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;

  const dispatch = (method: string, input: unknown): Promise<Result<unknown>> => workstation.dispatch(method, input, context) as Promise<Result<unknown>>;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const recent = async (input: { limit?: number; beforeSeq?: number } = {}): Promise<AuditRow[]> => (await call<{ entries: AuditRow[] }>('audit.recent', input)).entries;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    await call('users.create', { name: REVIEWER.name, role: 'reviewer', passphrase: REVIEWER.passphrase });
  });
  afterAll(async () => cleanup());

  it('records each setting an admin changes, with its old and new value, and nothing for a save that changed nothing', async () => {
    await call('settings.update', { idleLockMinutes: 3, ocrEngine: 'auto', watchFolder: null });
    await call('settings.update', { idleLockMinutes: 3, ocrEngine: 'auto', watchFolder: null });
    const rows = (await recent()).filter((row) => row.kind === 'settings-change');
    expect(rows.map((row) => `${row.actor}: ${row.summary}`)).toEqual([`${TEST_ADMIN.name}: Setting idleLockMinutes: 10 → 3`]);
  });

  it('lists the trail newest first and pages back through it without gaps or repeats', async () => {
    const all = await recent({ limit: 200 });
    expect(all.map((row) => row.kind).slice(0, 2)).toEqual(['settings-change', 'user-change']);
    expect(all[all.length - 1]?.seq).toBe(1);
    const paged: AuditRow[] = [];
    for (let page = await recent({ limit: 2 }); page.length > 0; page = await recent({ limit: 2, beforeSeq: page[page.length - 1]?.seq })) paged.push(...page);
    expect(paged.map((row) => row.seq)).toEqual(all.map((row) => row.seq));
    expect(all.map((row) => row.seq)).toEqual([...all.map((row) => row.seq)].sort((a, b) => b - a));
  });

  it('is refused to a reviewer', async () => {
    await call('session.lock', {});
    await call('session.unlock', { userName: REVIEWER.name, passphrase: REVIEWER.passphrase });
    expect(await dispatch('audit.recent', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
