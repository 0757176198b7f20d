import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { DocumentDetail, DocumentSummary } from '../../../app/model/document';
import type { Workstation } from '../../../main/services/workstation';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'cli' as const };

async function call<T>(workstation: Workstation, method: string, input: unknown): Promise<T> {
  const result = (await workstation.dispatch(method, input, context)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('approving several documents at once from the queue (real Tesseract)', () => {
  const temp = makeTempDir();
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let ids: string[] = [];

  const status = async (documentId: string): Promise<string> => (await call<DocumentDetail>(workstation, 'documents.get', { documentId })).status;

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir, now: () => new Date('2026-11-25T15:00:00') }));
    const png = toBase64((await renderLinesPage(PRESCRIPTION_WITH_BAD_NPI)).png);
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>(workstation, 'documents.import', {
      files: [{ name: 'first.png', dataBase64: png }, { name: 'second.png', dataBase64: png }],
    });
    ids = outcomes.map((outcome) => outcome.documentId);
    await workstation.idle();
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
  });

  it('approves none while a field is still to check, and says why', async () => {
    const result = await call<{ approved: string[]; skipped: Array<{ documentId: string; reason: string }> }>(workstation, 'documents.approveSettled', { documentIds: ids });
    expect(result.approved).toEqual([]);
    expect(result.skipped.map((skip) => skip.documentId)).toEqual(ids);
    expect(result.skipped[0]?.reason).toMatch(/^1 field\(s\) still need a look/);
    expect(await status(ids[0] as string)).toBe('ready');
  });

  it('approves the one whose every field is now sure, with its own audit row, and leaves the other', async () => {
    const [first = '', second = ''] = ids;
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId: first });
    const npi = detail.fields.find((field) => field.name === 'prescriber.npi');
    await call(workstation, 'fields.update', { documentId: first, fieldId: npi?.id, value: '1234567893' });
    const { documents } = await call<{ documents: DocumentSummary[] }>(workstation, 'documents.list', { filter: 'open' });
    expect(documents.find((doc) => doc.id === first)?.fieldsToCheck).toBe(0);

    const result = await call<{ approved: string[]; skipped: Array<{ documentId: string }> }>(workstation, 'documents.approveSettled', { documentIds: [first, second] });
    expect(result.approved).toEqual([first]);
    expect(result.skipped.map((skip) => skip.documentId)).toEqual([second]);
    expect(await status(first)).toBe('approved');
    expect(await status(second)).toBe('ready');
    const history = await call<{ entries: Array<{ kind: string }> }>(workstation, 'documents.history', { documentId: first });
    expect(history.entries.filter((entry) => entry.kind === 'approve')).toHaveLength(1);
    const other = await call<{ entries: Array<{ kind: string }> }>(workstation, 'documents.history', { documentId: second });
    expect(other.entries.some((entry) => entry.kind === 'approve')).toBe(false);
  });

  it('approves nothing twice: an approved document is left, with the reason', async () => {
    const result = await call<{ approved: string[]; skipped: Array<{ reason: string }> }>(workstation, 'documents.approveSettled', { documentIds: [ids[0]] });
    expect(result).toMatchObject({ approved: [], skipped: [{ reason: 'It is approved already.' }] });
  });
});
