import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { DocumentDetail, DocumentSummary, Word } from '../../../app/model/document';
import type { Workstation } from '../../../main/services/workstation';
import { knownWords, oversizedPng, renderTextPage, truncated, type RenderedPage } from '../../support/pages';
import { wordRecall } from '../../support/recall';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'cli' as const };

async function call<T>(workstation: Workstation, method: string, input: unknown): Promise<T> {
  const result = (await workstation.dispatch(method, input, context)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}`);
  return result.value;
}

describe('import, OCR, review and approval through the dispatcher (real Tesseract, real SQLite file)', () => {
  const temp = makeTempDir();
  let page: RenderedPage;
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let documentId: string;
  let outcomes: Array<{ ok: boolean; name: string; documentId?: string; error?: { code: string; message: string } }>;

  beforeAll(async () => {
    page = await renderTextPage(7, 8);
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir }));
    const files = [
      { name: 'empty.png', data: Buffer.alloc(0) },
      { name: 'notes.png', data: Buffer.from('Patient called about refill, please call back.\n') },
      { name: 'cut-short.png', data: truncated(page.png) },
      { name: 'bomb.png', data: await oversizedPng() },
      { name: 'rx-scan.png', data: page.png },
    ];
    ({ outcomes } = await call<{ outcomes: typeof outcomes }>(workstation, 'documents.import', {
      files: files.map((file) => ({ name: file.name, dataBase64: toBase64(file.data) })),
    }));
    documentId = outcomes[4]?.documentId as string;
    await workstation.idle();
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
  });

  it('gives each bad file its own typed error and imports the good one in the same batch', () => {
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error?.code))).toEqual([
      'empty_file',
      'unsupported_format',
      'corrupt_file',
      'too_large',
      'ok',
    ]);
    for (const outcome of outcomes.slice(0, 4)) expect(outcome.error?.message.length).toBeGreaterThan(20);
  });

  it('leaves nothing behind for the files that failed', async () => {
    const { documents } = await call<{ documents: DocumentSummary[] }>(workstation, 'documents.list', {});
    expect(documents.map((doc) => doc.id)).toEqual([documentId]);
  });

  it('reads the known page text with word boxes inside the page, and records the engine', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId });
    expect(detail.status).toBe('ready');
    const [first] = detail.pages;
    expect(first?.engine).toBe('tesseract-cli');
    const words = first?.words ?? [];
    const recall = wordRecall(knownWords(page), words.map((word) => word.text));
    expect(recall.found / recall.total).toBeGreaterThanOrEqual(0.95);
    for (const word of words) {
      expect(word.box.x + word.box.width).toBeLessThanOrEqual(page.width);
      expect(word.box.y + word.box.height).toBeLessThanOrEqual(page.height);
    }
  });

  it('keeps a correction and the approval across a restart, and refuses edits once approved', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId });
    const target = detail.pages[0]?.words[0] as Word;
    const saved = await call<Word>(workstation, 'words.update', { documentId, wordId: target.id, text: 'Corrected' });
    expect(saved).toMatchObject({ text: 'Corrected', ocrText: target.ocrText, edited: true });
    // The generated page carries made-up NPIs and dates, so some fields may fail their checks.
    await call(workstation, 'documents.approve', { documentId, acknowledgeInvalid: true, acknowledgeFlagged: true, overrideReason: 'approved as read, for the test' });

    await cleanup();
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir }));
    const reopened = await call<DocumentDetail>(workstation, 'documents.get', { documentId });
    expect(reopened.status).toBe('approved');
    expect(reopened.approvedAt).not.toBeNull();
    expect(reopened.pages[0]?.words.find((word) => word.id === target.id)).toMatchObject({ text: 'Corrected', edited: true });

    const late = await workstation.dispatch('words.update', { documentId, wordId: target.id, text: 'Again' }, context);
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('answers not_found for a document that does not exist', async () => {
    const result = await workstation.dispatch('documents.get', { documentId: '00000000-0000-4000-8000-000000000000' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
