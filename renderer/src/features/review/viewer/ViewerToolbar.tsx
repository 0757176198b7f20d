import type { PageViewCommands } from './use-page-view';
import { ZOOM_STEP } from './use-page-view';

/** The viewer's buttons; each has a key (listed under `?`), so none of them needs the mouse. */
export function ViewerToolbar({ zoomPercent, commands }: { zoomPercent: number; commands: PageViewCommands }) {
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Page view">
      <button type="button" onClick={() => commands.zoomBy(1 / ZOOM_STEP)} title="Zoom out (−)" aria-label="Zoom out">
        −
      </button>
      <output className="zoom-figure" aria-live="off" aria-label="Zoom">
        {zoomPercent}%
      </output>
      <button type="button" onClick={() => commands.zoomBy(ZOOM_STEP)} title="Zoom in (+)" aria-label="Zoom in">
        +
      </button>
      <button type="button" onClick={commands.fitWidth} title="Fit width (W)">
        Fit width
      </button>
      <button type="button" onClick={commands.fitPage} title="Fit page (0)">
        Fit page
      </button>
      <button type="button" onClick={commands.actualSize} title="One image pixel per screen pixel (1)">
        1:1
      </button>
      <button type="button" onClick={commands.rotate} title="Rotate the view a quarter turn (R)">
        Rotate
      </button>
    </div>
  );
}
