import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { HistoryEntry } from '../../../app/contract/audit';
import type { DocumentDetail } from '../../../app/model/document';
import type { Workstation } from '../../../main/services/workstation';
import { bornDigitalPdf } from '../../fixtures/scans/pdf-builders';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../../support/pages';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'http' as const };

describe('reading a page again (real Tesseract, real vault)', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let documentId: string;

  const dispatch = (method: string, input: unknown): Promise<Result<unknown>> => workstation.dispatch(method, input, context) as Promise<Result<unknown>>;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const detail = (): Promise<DocumentDetail> => call<DocumentDetail>('documents.get', { documentId });

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    const page = await renderLinesPage(PRESCRIPTION_WITH_BAD_NPI);
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>('documents.import', { files: [{ name: 'rx.png', dataBase64: toBase64(page.png) }] });
    documentId = outcomes[0]?.documentId as string;
    await workstation.idle();
  });
  afterAll(async () => cleanup());

  it('reads the page afresh: word corrections give way to the new reading, field corrections stay, and the history says who asked', async () => {
    const before = await detail();
    const word = before.pages[0]?.words.find((candidate) => candidate.text === 'Springfield,') ?? before.pages[0]?.words[0];
    if (!word) throw new Error('no word on the page');
    await call('words.update', { documentId, wordId: word.id, text: 'Shelbyville,' });
    await call('fields.update', { documentId, fieldId: 'prescriber.npi', value: '1234567893' });

    expect(await call('documents.reread', { documentId, pageIndex: 0 })).toEqual({ documentId, pageIndex: 0 });
    // Queued again at once: a second request for the same page is refused until it is read.
    expect(await dispatch('documents.reread', { documentId, pageIndex: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await workstation.idle();

    const after = await detail();
    expect(after.status).toBe('ready');
    const words = after.pages[0]?.words ?? [];
    expect(words.some((candidate) => candidate.text === 'Shelbyville,')).toBe(false);
    expect(words.filter((candidate) => candidate.edited)).toEqual([]);
    expect(words.map((candidate) => candidate.text)).toEqual(before.pages[0]?.words.map((candidate) => candidate.text));
    expect(after.fields.find((field) => field.name === 'prescriber.npi')).toMatchObject({ raw: '1234567893', edited: true, status: 'confident' });
    const history = (await call<{ entries: HistoryEntry[] }>('documents.history', { documentId })).entries;
    expect(history.filter((entry) => entry.kind === 're-ocr').map((entry) => `${entry.actor}: ${entry.summary}`)).toEqual([expect.stringMatching(/^Ada Admin: Read again \(page 1\) with tesseract/)]);
  });

  it("refuses a born-digital page: its words are the PDF's own text, which no engine reads better", async () => {
    const pdf = await bornDigitalPdf([{ seed: 3, lines: ['CLINIC NOTE', 'Patient: Ana Lima', 'Assessment: stable'] }]);
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>('documents.import', { files: [{ name: 'note.pdf', dataBase64: toBase64(pdf) }] });
    const noteId = outcomes[0]?.documentId as string;
    await workstation.idle();
    const note = await call<DocumentDetail>('documents.get', { documentId: noteId });
    expect(note.pages[0]?.engine).toBe('pdf-text');
    expect(await dispatch('documents.reread', { documentId: noteId, pageIndex: 0 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/PDF itself/) } });
  });

  it('refuses a page that does not exist, and any page of an approved document', async () => {
    expect(await dispatch('documents.reread', { documentId, pageIndex: 3 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await call('documents.approve', { documentId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' });
    expect(await dispatch('documents.reread', { documentId, pageIndex: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await detail()).status).toBe('approved');
  });
});
