import type { Registration } from '../../app/templates/register';
import type { FormTemplate } from '../../app/templates/template';
import type { OcrWord } from '../ocr/engine';
import { pageRect } from './form-dropout';
import type { GreyRaster } from './grey-raster';

/**
 * Checkboxes are read by their ink, not as text: an engine reading a lone "X" among a form's
 * boxes misses it about as often as it finds it. The middle of each box (its print cell, where
 * a billing program puts its X and a pen its tick, away from the box's own outline) is measured
 * on the page with the form's ink dropped; a marked box becomes a word "X" there, as sure as
 * its ink is plain.
 */

/** Darker than this is ink. */
const INK = 140;
/** Share of the box's middle that is ink: an X printed at 10 cpi covers a quarter and more. */
const MARKED = 0.1;
/** ... and past this no doubt is left. */
const CLEARLY_MARKED = 0.18;
/**
 * The middle of the checkbox's zone, as shares of its width and height: for the CMS-1500's
 * 30 × 50 print cell, 16 × 24 units from (7, 14). Taken as shares, not units, because a site's
 * template has the zone a person drew round its square (a fixed offset landed on the outline of
 * a larger box, or beside the X, and every site form's checkboxes read as empty).
 */
const INNER = { x: 7 / 30, y: 14 / 50, width: 16 / 30, height: 24 / 50 };

function inkShare(raster: GreyRaster, rect: { x: number; y: number; width: number; height: number }): number {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(raster.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(raster.height, Math.ceil(rect.y + rect.height));
  let ink = 0;
  let all = 0;
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      all += 1;
      if (raster.data[y * raster.width + x]! < INK) ink += 1;
    }
  }
  return all === 0 ? 0 : ink / all;
}

export function checkboxMarks(raster: GreyRaster, registration: Registration, template: FormTemplate, shift: { dx: number; dy: number }): OcrWord[] {
  const marks: OcrWord[] = [];
  for (const zone of template.zones) {
    if (zone.type !== 'checkbox') continue;
    const { width, height } = zone.box;
    const inner = { x: zone.box.x + INNER.x * width + shift.dx, y: zone.box.y + INNER.y * height + shift.dy, width: INNER.width * width, height: INNER.height * height };
    const share = inkShare(raster, pageRect(registration, inner));
    if (share < MARKED) continue;
    const cell = pageRect(registration, { x: zone.box.x + shift.dx, y: zone.box.y + shift.dy + 10, width: zone.box.width, height: zone.box.height - 16 });
    // Confidence on the engine's 0–100 scale: a faint or partial mark is shown for checking.
    const confidence = share >= CLEARLY_MARKED ? 96 : 60;
    marks.push({ text: 'X', confidence, box: { x: cell.x, y: cell.y, width: cell.width, height: cell.height }, line: 0 });
  }
  return marks;
}
