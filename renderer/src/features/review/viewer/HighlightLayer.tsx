import { memo } from 'react';
import type { Box } from '../../../../../app/model/document';

export interface Highlight {
  id: string;
  box: Box;
  /** CSS level: confident, check, unreadable, invalid, missing, confirmed, edited. */
  level: string;
  kind: 'word' | 'field';
}

/**
 * The word and field boxes, in the page's own pixels. Memoised: a zoom or pan changes only the
 * transform of the layer that holds this, never these elements, so a thousand boxes cost
 * nothing per frame.
 */
export const HighlightLayer = memo(function HighlightLayer({
  width,
  height,
  highlights,
  focusedId,
  selectedWordIds,
}: {
  width: number;
  height: number;
  highlights: readonly Highlight[];
  focusedId: string | null;
  selectedWordIds: ReadonlySet<string>;
}) {
  return (
    <svg className="highlight-layer" viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true">
      {highlights.map((highlight) => (
        <rect
          key={`${highlight.kind}:${highlight.id}`}
          data-word-box={highlight.kind === 'word' ? highlight.id : undefined}
          data-field-box={highlight.kind === 'field' ? highlight.id : undefined}
          className={`${highlight.kind}-box level-${highlight.level}${highlight.id === focusedId ? ' focused' : ''}${selectedWordIds.has(highlight.id) ? ' picked' : ''}`}
          x={highlight.box.x}
          y={highlight.box.y}
          width={highlight.box.width}
          height={highlight.box.height}
        />
      ))}
    </svg>
  );
});
