import { useRef, useState, type PointerEvent } from 'react';
import type { TemplateDraft } from '../../../../app/templates/site-templates';
import type { Rect } from '../../../../app/templates/template';
import { MIN_ZONE_SIDE, rectFrom } from './draft';

/**
 * The drawing layer over the sample page, in the template's own units: the form's printed text
 * as faint boxes (anchors a shade stronger), the zones drawn so far, and the rectangle being
 * dragged out now. Dragging adds a zone; clicking a zone selects it.
 */
export function ZoneCanvas({
  template,
  selected,
  onSelect,
  onDrawn,
}: {
  template: TemplateDraft;
  selected: number | null;
  onSelect: (index: number) => void;
  onDrawn: (box: Rect) => void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [dragging, setDragging] = useState<Rect | null>(null);
  const { size } = template;

  /** The pointer in the template's units: the layer is stretched over the page image. */
  function point(event: PointerEvent<SVGSVGElement>): { x: number; y: number } {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0 || box.height === 0) return { x: 0, y: 0 };
    return { x: ((event.clientX - box.left) / box.width) * size.width, y: ((event.clientY - box.top) / box.height) * size.height };
  }

  function down(event: PointerEvent<SVGSVGElement>): void {
    if (event.button !== 0 || (event.target as Element).closest('[data-zone]')) return;
    event.preventDefault();
    svg.current?.setPointerCapture(event.pointerId);
    const at = point(event);
    setStart(at);
    setDragging(rectFrom(at, at, size));
  }

  function move(event: PointerEvent<SVGSVGElement>): void {
    if (start) setDragging(rectFrom(start, point(event), size));
  }

  function up(event: PointerEvent<SVGSVGElement>): void {
    if (!start) return;
    const box = rectFrom(start, point(event), size);
    setStart(null);
    setDragging(null);
    if (svg.current?.hasPointerCapture(event.pointerId)) svg.current.releasePointerCapture(event.pointerId);
    if (box.width >= MIN_ZONE_SIDE && box.height >= MIN_ZONE_SIDE) onDrawn(box);
  }

  const labelSize = Math.max(12, Math.round(size.height / 110));
  return (
    <svg
      ref={svg}
      className="zone-canvas"
      viewBox={`0 0 ${size.width} ${size.height}`}
      preserveAspectRatio="none"
      data-testid="zone-canvas"
      aria-label="Sample page: drag to draw a zone"
      role="img"
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => {
        setStart(null);
        setDragging(null);
      }}
    >
      {template.printed.map((printed, index) => (
        <rect
          key={`p${index}`}
          className={printed.anchor ? 'printed-box anchor' : 'printed-box'}
          data-printed={printed.text}
          x={printed.box.x}
          y={printed.box.y}
          width={printed.box.width}
          height={printed.box.height}
        />
      ))}
      {template.zones.map((zone, index) => (
        <g key={`z${index}`} data-zone={zone.field} className={index === selected ? 'zone selected' : 'zone'} onPointerDown={() => onSelect(index)}>
          <rect className="zone-box" x={zone.box.x} y={zone.box.y} width={zone.box.width} height={zone.box.height} />
          <text className="zone-label" x={zone.box.x + 4} y={zone.box.y - 6} fontSize={labelSize}>
            {zone.field}
          </text>
        </g>
      ))}
      {dragging && <rect className="zone-box drawing" data-testid="zone-drawing" x={dragging.x} y={dragging.y} width={dragging.width} height={dragging.height} />}
    </svg>
  );
}
