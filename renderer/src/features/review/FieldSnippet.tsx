import type { Box } from '../../../../app/model/document';
import { folio } from '../../api/client';

/** The snippet's largest size on screen, so it sits beside the value without pushing it away. */
const MAX_WIDTH = 280;
const TARGET_HEIGHT = 52;
const MAX_MAGNIFICATION = 3;

/**
 * The field's place on the page, cut out and magnified beside its value (as a verification
 * station shows it), so most values are checked without the eyes leaving the panel. Drawn from
 * the page image already loaded for the viewer: no extra request, no copy of the pixels.
 */
export function FieldSnippet({ documentId, pageIndex, pageWidth, box }: { documentId: string; pageIndex: number; pageWidth: number; box: Box }) {
  const pad = Math.max(6, box.height * 0.3);
  const crop = { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad };
  const scale = Math.min(MAX_WIDTH / crop.width, TARGET_HEIGHT / crop.height, MAX_MAGNIFICATION);
  return (
    <div
      className="field-snippet"
      role="img"
      aria-label={`Where it was read on page ${pageIndex + 1}, magnified`}
      style={{ width: Math.round(crop.width * scale), height: Math.round(crop.height * scale) }}
    >
      <img
        src={folio.pageImageUrl(documentId, pageIndex)}
        alt=""
        draggable={false}
        style={{ width: pageWidth * scale, transform: `translate(${-crop.x * scale}px, ${-crop.y * scale}px)` }}
      />
    </div>
  );
}
