import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../app/contract/errors';
import type { Workstation } from '../../../main/services/workstation';
import { PRESCRIPTION_WITH_BAD_NPI, renderLinesPage } from '../../support/pages';
import { openTestWorkstation, toBase64 } from '../../support/workstation';

const context = { host: 'http' as const };
type Trail = Result<{ entries: Array<{ kind: string; summary: string; documentId: string | null }> }>;

/** Finding 8 of issue 13: page images and search results are looks at PHI, and the trail records them. */
describe('opening a page image and searching are audited, once per look', () => {
  let workstation: Workstation;
  let cleanup: () => Promise<void>;
  let documentId: string;

  const recent = async (): Promise<Array<{ kind: string; summary: string; documentId: string | null }>> => {
    const trail = (await workstation.dispatch('audit.recent', { limit: 20 }, context)) as Trail;
    return trail.ok ? trail.value.entries : [];
  };

  beforeAll(async () => {
    ({ workstation, cleanup } = await openTestWorkstation());
    const page = await renderLinesPage(PRESCRIPTION_WITH_BAD_NPI);
    const imported = (await workstation.dispatch('documents.import', { files: [{ name: 'rx.png', dataBase64: toBase64(page.png) }] }, context)) as Result<{
      outcomes: Array<{ documentId: string }>;
    }>;
    documentId = imported.ok ? (imported.value.outcomes[0]?.documentId ?? '') : '';
    await workstation.idle();
  });
  afterAll(async () => cleanup());

  it('a page image fetched on its own leaves a view row naming the page; fetching it again within the look does not', async () => {
    expect(workstation.pageImage(documentId, 0)).not.toBeNull();
    expect(workstation.pageImage(documentId, 0)).not.toBeNull();
    const views = (await recent()).filter((entry) => entry.kind === 'view' && entry.documentId === documentId);
    expect(views.map((entry) => entry.summary)).toEqual(['Page 1 image viewed']);
  });

  it('a search leaves a search row with what was asked and how many documents it showed', async () => {
    const result = (await workstation.dispatch('search.query', { text: 'Atorvastatin' }, context)) as Result<{ hits: unknown[] }>;
    expect(result.ok && result.value.hits.length).toBeGreaterThan(0);
    await workstation.dispatch('search.query', { text: 'Atorvastatin' }, context);
    const searches = (await recent()).filter((entry) => entry.kind === 'search');
    expect(searches).toHaveLength(1);
    expect(searches[0]?.summary).toMatch(/^Searched for “Atorvastatin” \(\d+ hits?\)$/);
  });
});
