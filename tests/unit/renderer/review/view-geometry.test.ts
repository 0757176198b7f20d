import { describe, expect, it } from 'vitest';
import {
  boxOnViewport,
  bringIntoView,
  fitPage,
  fitWidth,
  pageToViewport,
  rotateQuarter,
  viewportRectToPage,
  viewportToPage,
  zoomAt,
} from '../../../../renderer/src/features/review/viewer/view-geometry';

const page = { width: 2550, height: 3300 };
const viewport = { width: 800, height: 600 };

describe('the page viewer geometry', () => {
  it('fits the page or its width into the viewport', () => {
    const whole = fitPage(page, viewport, 0);
    const [left, top] = pageToViewport(whole, page, 0, 0);
    const [right, bottom] = pageToViewport(whole, page, page.width, page.height);
    expect(bottom - top).toBeCloseTo(600 - 24);
    expect(left).toBeGreaterThan(0);
    expect(right).toBeLessThan(800);
    const wide = fitWidth(page, viewport, 0);
    expect(pageToViewport(wide, page, page.width, 0)[0] - pageToViewport(wide, page, 0, 0)[0]).toBeCloseTo(800 - 24);
    expect(pageToViewport(wide, page, 0, 0)[1]).toBeCloseTo(12);
  });

  it('keeps the point under the pointer where it is when zooming', () => {
    const view = fitWidth(page, viewport, 0);
    const under = viewportToPage(view, page, 300, 200);
    const zoomed = zoomAt(view, view.scale * 2.5, 300, 200);
    expect(pageToViewport(zoomed, page, under[0], under[1])).toEqual([expect.closeTo(300), expect.closeTo(200)]);
  });

  it('maps points both ways at every quarter turn', () => {
    let view = fitPage(page, viewport, 0);
    for (let turn = 0; turn < 4; turn++) {
      view = rotateQuarter(view, viewport);
      const [vx, vy] = pageToViewport(view, page, 100, 250);
      expect(viewportToPage(view, page, vx, vy)).toEqual([expect.closeTo(100), expect.closeTo(250)]);
    }
    expect(view.rotation).toBe(0);
    const quarter = rotateQuarter(fitPage(page, viewport, 0), viewport);
    // A quarter turn clockwise puts the page's top-left corner at the top right.
    const [x, y] = pageToViewport(quarter, page, 0, 0);
    const [cx] = pageToViewport(quarter, page, page.width / 2, page.height / 2);
    expect(x).toBeGreaterThan(cx);
    expect(y).toBeLessThan(300);
  });

  it('turns a dragged rectangle into a page box, clipped to the page', () => {
    const view = fitWidth(page, viewport, 0);
    const box = { x: 200, y: 300, width: 400, height: 60 };
    const drawn = boxOnViewport(view, page, box);
    expect(viewportRectToPage(view, page, [drawn.x, drawn.y], [drawn.x + drawn.width, drawn.y + drawn.height])).toEqual(box);
    expect(viewportRectToPage(view, page, [-50, -50], [drawn.x, drawn.y])).toMatchObject({ x: 0, y: 0 });
  });

  it('brings a small box into view, large enough to read, and leaves a readable visible one alone', () => {
    const view = fitPage(page, viewport, 0);
    const box = { x: 2000, y: 3000, width: 300, height: 40 };
    const shown = boxOnViewport(bringIntoView(view, page, viewport, box), page, box);
    expect(shown.x).toBeGreaterThanOrEqual(0);
    expect(shown.x + shown.width).toBeLessThanOrEqual(800);
    expect(shown.y + shown.height).toBeLessThanOrEqual(600);
    expect(shown.height).toBeGreaterThanOrEqual(22);
    const settled = bringIntoView(view, page, viewport, box);
    expect(bringIntoView(settled, page, viewport, box)).toBe(settled);
  });
});
