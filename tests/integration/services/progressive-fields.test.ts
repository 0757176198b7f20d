import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../app/contract/events';
import type { Result } from '../../../app/contract/errors';
import type { DocumentDetail } from '../../../app/model/document';
import type { Workstation } from '../../../main/services/workstation';
import { renderLinesPage } from '../../support/pages';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation, toBase64 } from '../../support/workstation';
import { multiPageTiff } from '../../fixtures/scans/tiff-builders';
import { PRESCRIPTION_WITH_BAD_NPI } from '../../support/pages';

const context = { host: 'cli' as const };

async function call<T>(workstation: Workstation, method: string, input: unknown): Promise<T> {
  const result = (await workstation.dispatch(method, input, context)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('a long document shows the fields of each page as that page is read (real Tesseract)', () => {
  const temp = makeTempDir();
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  const progress: Array<EventPayload<'pipeline.progress'>> = [];
  /** What the reviewer would see when the first page's fields arrived: status and fields. */
  let early: { status: string; fields: number; pagesRead: number | undefined } | null = null;
  let documentId = '';

  beforeAll(async () => {
    // One page at a time, as on a busy workstation: the later pages are still waiting.
    ({ workstation, cleanup } = await openTestWorkstation({ dataDir: temp.dir, workers: 1 }));
    const rx = (await renderLinesPage(PRESCRIPTION_WITH_BAD_NPI)).png;
    const note = (await renderLinesPage(['Continuation sheet', 'No further orders on this page'])).png;
    const tiff = await multiPageTiff([rx, note, note]);
    let looked: Promise<void> = Promise.resolve();
    workstation.events.on('pipeline.progress', (event) => {
      progress.push(event);
      if (event.stage === 'fields' && early === null) {
        early = { status: '', fields: 0, pagesRead: event.pagesRead };
        looked = call<DocumentDetail>(workstation, 'documents.get', { documentId: event.documentId }).then((detail) => {
          early = { status: detail.status, fields: detail.fields.length, pagesRead: event.pagesRead };
        });
      }
    });
    const { outcomes } = await call<{ outcomes: Array<{ documentId: string }> }>(workstation, 'documents.import', { files: [{ name: 'long.tif', dataBase64: toBase64(tiff) }] });
    documentId = outcomes[0]?.documentId as string;
    await workstation.idle();
    await looked;
  });
  afterAll(async () => {
    await cleanup();
    temp.remove();
  });

  it('has the first page\'s fields while the rest is still being read', () => {
    expect(early).not.toBeNull();
    expect(early?.status).toBe('processing');
    expect(early?.fields).toBeGreaterThan(5);
    expect(early?.pagesRead).toBeLessThan(3);
  });

  it('counts pages read as it goes, "read n of 3", up to all three', () => {
    const counts = progress.filter((event) => event.documentId === documentId && event.pagesRead !== undefined).map((event) => event.pagesRead);
    expect(counts).toContain(1);
    expect(counts[counts.length - 1]).toBe(3);
  });

  it('ends with the whole document\'s fields once every page is read', async () => {
    const detail = await call<DocumentDetail>(workstation, 'documents.get', { documentId });
    expect(detail.status).toBe('ready');
    expect(detail.fields.find((field) => field.name === 'prescriber.dea')?.normalized).toBe('AS1234563');
  });
});
