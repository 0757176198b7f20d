import { generateClaim } from '../fixtures/documents/claim-document';
import { renderDocumentPage } from '../fixtures/documents/render-document';
import { CORPUS_TODAY } from '../fixtures/documents/truth';
import { seededRandom } from '../fixtures/scans/known-text';
import { multiPageTiff } from '../fixtures/scans/tiff-builders';
import { renderLinesPage } from './pages';

/**
 * A two-page claim as a TIFF: the corpus's printed claim (seed 11; read by its labels, so its
 * values come to the reviewer as Check) and an attachment page of plain lines.
 */
export async function multiPageClaim(): Promise<Buffer> {
  const claim = generateClaim({ random: seededRandom(11), font: 'DejaVu Sans', handFont: null, seedInvalid: false, today: CORPUS_TODAY });
  const first = await renderDocumentPage(claim.spec, 11);
  const second = await renderLinesPage(['Attachment to the claim above', 'Operative note on file with the practice', 'Signed by the rendering provider']);
  return multiPageTiff([first.png, second.png]);
}
