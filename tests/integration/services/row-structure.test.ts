import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { DocumentDetail } from '../../../app/model/document';
import type { ReviewField } from '../../../app/model/field';
import type { Workstation } from '../../../main/services/workstation';
import { multiPageClaim } from '../../support/claim-pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'cli' as const };

async function call<T>(workstation: Workstation, method: string, input: unknown): Promise<T> {
  const result = (await workstation.dispatch(method, input, context)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('rows the reading missed or invented, added and deleted by hand (real Tesseract)', () => {
  const temp = makeTempDir();
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let documentId = '';
  const history = async (): Promise<string[]> =>
    (await call<{ entries: Array<{ summary: string }> }>(workstation, 'documents.history', { documentId })).entries.map((entry) => entry.summary);

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir }));
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>(workstation, 'documents.import', {
      files: [{ name: 'claim.tif', dataBase64: toBase64(await multiPageClaim()) }],
    });
    documentId = outcomes[0]?.documentId as string;
    await workstation.idle();
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
  });

  it('adds a missed diagnosis in the first free slot, empty and not found, then takes its value', async () => {
    const before = (await call<DocumentDetail>(workstation, 'documents.get', { documentId })).fields.filter((field) => field.name === 'claim.diagnosis');
    const { fields, index } = await call<{ fields: ReviewField[]; index: number }>(workstation, 'fields.addRow', { documentId, group: 'claim.diagnosis' });
    expect(before.map((field) => field.index)).not.toContain(index);
    const added = fields.find((field) => field.name === 'claim.diagnosis' && field.index === index);
    expect(added).toMatchObject({ raw: null, status: 'missing', edited: true });
    const typed = await call<{ fields: ReviewField[] }>(workstation, 'fields.update', { documentId, fieldId: added?.id, value: 'E11.9', confirm: true });
    expect(typed.fields.find((field) => field.id === added?.id)).toMatchObject({ raw: 'E11.9', status: 'confirmed' });
    expect(await history()).toContain(`Added claim.diagnosis ${index}`);
  });

  it('adds a service line after the last, keeps it through a re-read as the same kind, and deletes it with a row in the history', async () => {
    const { fields, index } = await call<{ fields: ReviewField[]; index: number }>(workstation, 'fields.addRow', { documentId, group: 'claim.line' });
    const line = fields.filter((field) => field.name.startsWith('claim.line.') && field.index === index);
    expect(line.map((field) => field.name)).toContain('claim.line.procedure');
    expect(line.find((field) => field.name === 'claim.line.procedure')?.status).toBe('missing');
    expect(line.find((field) => field.name === 'claim.line.modifiers')?.status).toBe('blank');
    await call(workstation, 'fields.update', { documentId, fieldId: `claim.line.charges#${index}`, value: '40.00' });
    const reread = await call<DocumentDetail>(workstation, 'documents.setKind', { documentId, kind: 'cms1500' });
    expect(reread.fields.some((field) => field.name === 'claim.line.charges' && field.index === index)).toBe(true);

    const after = await call<{ fields: ReviewField[] }>(workstation, 'fields.removeRow', { documentId, group: 'claim.line', index });
    expect(after.fields.some((field) => field.name.startsWith('claim.line.') && field.index === index)).toBe(false);
    expect(await history()).toContain(`Deleted claim.line ${index}: 40.00`);
  });

  it('refuses to delete a row that is not there', async () => {
    const result = await workstation.dispatch('fields.removeRow', { documentId, group: 'lab.row', index: 7 }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
