import sharp from 'sharp';
import type { Registration } from '../../app/templates/register';
import type { FormTemplate, Rect } from '../../app/templates/template';
import { mapRect } from '../../app/templates/transform';
import { encodeForOcr, type GreyRaster } from './grey-raster';
import { evenOutLight, measurePaperLight } from './paper-light';

/**
 * Takes the form's own ink off a registered page, so that what is left for the engine is what
 * was filled in. Forms are printed in a dropout colour (the CMS-1500's red) for exactly this:
 * on a colour scan or photo that ink is recognised by its hue and whitened. On grey and one-bit
 * pages (a fax, a black-and-white scan) the hue is gone, so the form's printed words are
 * whitened where registration says they are, and its rules by their length: no stroke of a
 * filled-in character runs anywhere near as long as a box's edge.
 */

/**
 * Red ink: this much more red than green or blue (a dropout red differs by 150 and more). The
 * light pinks of a red stroke's anti-aliased edge and of the form's shaded rows differ less, but
 * sit on light paper: those go when both other channels are light.
 */
const DROPOUT_HUE_MARGIN = 24;
const DROPOUT_TINT_MARGIN = 10;
const LIGHT_CHANNEL = 170;
/** A share of the page in the dropout colour above which the form was captured in colour. */
const HUE_SHARE = 0.003;
/** Lighter than this is paper when measuring the form's ink. */
const PAPER_EDGE = 200;
/** Fewer label pixels than this and the form's ink level is not measured (a mostly blank capture). */
const MIN_LABEL_INK = 2000;
/** A label with less ink than this (a blotted-out or clipped one) says nothing of the form's level. */
const MIN_INK_PER_LABEL = 40;
/**
 * A form printed no darker than this (in grey levels) can be dropped by level: data ink (black
 * or dark blue, 10–60) stays well clear of it. Darker form print (black forms, faxes) cannot.
 */
const MIN_DROPOUT_GREY = 75;
/**
 * The form's ink level is taken at its darkest few percent, so that hardly any of the form's
 * own print is dark enough to pass for a value's.
 */
const FORM_INK_PERCENTILE = 0.03;
/** Levels kept below that, for the noise of a scan. */
const LEVEL_MARGIN = 8;
/** Dark pieces smaller than this (pixels) are a scan's noise, not a value's ink. */
const MIN_CORE_PIXELS = 8;
/** Dark pieces smaller than this (pixels at 300 dpi) on a fax are the form's halftone, not a value. */
const MIN_FAX_PIECE = 26;
/** How far (pixels) a character's edge reaches from its dark core. */
const EDGE_REACH = 2;
/** Darker than this is ink when looking for rules (on a page whose form is printed dark). */
const INK_LEVEL = 150;
/** A dark run longer than this many reference units (four print columns) is a rule, not a stroke. */
const RULE_RUN = 120;
/** Slack around a printed label, in reference units, for the form's small misplacements. */
const LABEL_PAD = { x: 10, y: 6 };
/** A label's estimated width is stretched by this much: print fonts vary in width. */
const LABEL_STRETCH = 1.25;

export interface DroppedOut {
  /** A one-channel PNG at the page's size, for the engine. */
  image: Buffer;
  /** The same pixels, for measuring what is in a box (a checkbox's mark). */
  raster: GreyRaster;
  /** Pixels whitened for being the dropout colour: near zero on a grey page. */
  dropoutPixels: number;
}

function greyWithoutDropout(data: Uint8Array, channels: number, width: number, height: number): { grey: Uint8Array; dropped: number } {
  const grey = new Uint8Array(width * height);
  let dropped = 0;
  for (let i = 0, j = 0; i < grey.length; i += 1, j += channels) {
    const r = data[j]!;
    const g = channels >= 3 ? data[j + 1]! : r;
    const b = channels >= 3 ? data[j + 2]! : r;
    const redness = r - Math.max(g, b);
    if (redness > DROPOUT_HUE_MARGIN || (redness > DROPOUT_TINT_MARGIN && Math.min(g, b) > LIGHT_CHANNEL)) {
      grey[i] = 255;
      dropped += 1;
    } else {
      grey[i] = (77 * r + 150 * g + 29 * b) >> 8;
    }
  }
  return { grey, dropped };
}

export function pageRect(registration: Registration, box: Rect): Rect {
  return mapRect(registration.transform, box);
}

/**
 * The page's paper: its median grey (a form's page is mostly paper). Erased ink is painted in
 * it, not in pure white: on a grey scan of a form printed in black, white patches would be the
 * lightest thing on the page, and the engine's preparation, stretching the page's levels to
 * them, would turn the paper itself into noise (a sparse reading of such a page ran for
 * minutes and gave nothing). On a page already cleared by level, or a fax, the paper is white.
 */
function paperLevel(raster: GreyRaster): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < raster.data.length; i += 7) histogram[raster.data[i]!] = histogram[raster.data[i]!]! + 1;
  const half = Math.ceil(raster.data.length / 7 / 2);
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += histogram[v]!;
    if (seen >= half) return v;
  }
  return 255;
}

function whiten(raster: GreyRaster, r: Rect, keep: Uint8Array | null, paper: number): void {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(raster.width, Math.ceil(r.x + r.width));
  const y1 = Math.min(raster.height, Math.ceil(r.y + r.height));
  for (let y = y0; y < y1; y += 1) {
    if (!keep) {
      raster.data.fill(paper, y * raster.width + x0, y * raster.width + x1);
      continue;
    }
    for (let i = y * raster.width + x0; i < y * raster.width + x1; i += 1) if (!keep[i]) raster.data[i] = paper;
  }
}

function whitenPrintedText(raster: GreyRaster, registration: Registration, template: FormTemplate, keep: Uint8Array | null, paper: number): void {
  for (const printed of template.printed) {
    if (printed.inline) continue;
    const box = {
      x: printed.box.x - LABEL_PAD.x,
      y: printed.box.y - LABEL_PAD.y,
      width: printed.box.width * LABEL_STRETCH + 2 * LABEL_PAD.x,
      height: printed.box.height + 2 * LABEL_PAD.y,
    };
    whiten(raster, pageRect(registration, box), keep, paper);
  }
}

/** Paints out (in the paper's grey) every horizontal and vertical dark run longer than `minRun` pixels. */
function removeRules(raster: GreyRaster, minRun: number, paper: number): void {
  const { data, width, height } = raster;
  const rules = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    let start = -1;
    for (let x = 0; x <= width; x += 1) {
      const dark = x < width && data[y * width + x]! < INK_LEVEL;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start >= minRun) rules.fill(1, y * width + start, y * width + x);
        start = -1;
      }
    }
  }
  for (let x = 0; x < width; x += 1) {
    let start = -1;
    for (let y = 0; y <= height; y += 1) {
      const dark = y < height && data[y * width + x]! < INK_LEVEL;
      if (dark && start < 0) start = y;
      if (!dark && start >= 0) {
        if (y - start >= minRun) for (let k = start; k < y; k += 1) rules[k * width + x] = 1;
        start = -1;
      }
    }
  }
  for (let i = 0; i < rules.length; i += 1) if (rules[i]) data[i] = paper;
}

/**
 * How dark the form's own printing is on this page: the darkest few percent of the ink inside
 * each of its labels (which registration has placed), and of those the median label. A red form
 * scanned in grey prints at 100–130; one in black (a fax, a black-and-white form) near 0. Taken
 * label by label because a misfed values line sits on the labels of the boxes below it: pooled,
 * its black print would pass for the form's own ink and the form would look black.
 */
function formInkLevel(raster: GreyRaster, registration: Registration, template: FormTemplate): number | null {
  const levels: number[] = [];
  let ink = 0;
  for (const printed of template.printed) {
    if (printed.inline) continue;
    const level = labelInkLevel(raster, pageRect(registration, printed.box));
    if (level === null) continue;
    levels.push(level.level);
    ink += level.ink;
  }
  if (ink < MIN_LABEL_INK || levels.length === 0) return null;
  levels.sort((a, b) => a - b);
  return levels[Math.floor(levels.length / 2)]!;
}

/** The darkest few percent of the ink inside one label's box, with how much ink there was. */
function labelInkLevel(raster: GreyRaster, r: Rect): { level: number; ink: number } | null {
  const histogram = new Uint32Array(256);
  let ink = 0;
  const x0 = Math.max(0, Math.floor(r.x));
  const x1 = Math.min(raster.width, Math.ceil(r.x + r.width));
  const y0 = Math.max(0, Math.floor(r.y));
  const y1 = Math.min(raster.height, Math.ceil(r.y + r.height));
  for (let y = y0; y < y1; y += 1) {
    for (let x = x0; x < x1; x += 1) {
      const v = raster.data[y * raster.width + x]!;
      if (v < PAPER_EDGE) {
        histogram[v] = histogram[v]! + 1;
        ink += 1;
      }
    }
  }
  if (ink < MIN_INK_PER_LABEL) return null;
  let seen = 0;
  for (let v = 0; v < 256; v += 1) {
    seen += histogram[v]!;
    if (seen >= ink * FORM_INK_PERCENTILE) return { level: v, ink };
  }
  return null;
}

/**
 * On a grey page the dropout colour survives as a middle grey, lighter than any pen or printer
 * ink: everything at least as light as the form's own printing is paper to the engine. A
 * character's anti-aliased edge is as light as the form, though, and a character stripped of
 * it reads badly; so ink near a character's dark core (within `EDGE_REACH` pixels) is kept.
 */
function dropByLevel(raster: GreyRaster, formInk: number): Uint8Array {
  const { data, width, height } = raster;
  const cut = formInk - LEVEL_MARGIN;
  let near: Uint8Array = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i += 1) if (data[i]! < cut) near[i] = 1;
  dropSpecks(near, width, height, MIN_CORE_PIXELS);
  for (let pass = 0; pass < EDGE_REACH; pass += 1) near = dilate(near, width, height);
  for (let i = 0; i < data.length; i += 1) if (!near[i]) data[i] = 255;
  return near;
}

/**
 * Clears the 8-connected pieces of a 0/1 mask smaller than `minPixels`: a scan's noise leaves
 * single dark pixels in the form's print that are as dark as a value's ink, and kept (with their
 * edge) they become specks the engine reads as punctuation. A printed full stop is far larger.
 */
function dropSpecks(mask: Uint8Array, width: number, height: number, minPixels: number): void {
  const seen = new Uint8Array(mask.length);
  const piece: number[] = [];
  for (let start = 0; start < mask.length; start += 1) {
    if (!mask[start] || seen[start]) continue;
    piece.length = 0;
    piece.push(start);
    seen[start] = 1;
    for (let k = 0; k < piece.length; k += 1) {
      const i = piece[k]!;
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy += 1) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (mask[j] && !seen[j]) {
            seen[j] = 1;
            piece.push(j);
          }
        }
      }
    }
    if (piece.length < minPixels) for (const i of piece) mask[i] = 0;
  }
}

/**
 * A fax keeps a red form as grey halftone and scattered dark dots, where the values are solid
 * black strokes: everything lighter than ink goes, and so do the dark dots too small to be part
 * of a printed character (a full stop included, which no value on a claim needs).
 */
function dropFaintPrint(raster: GreyRaster, registration: Registration): void {
  const { data, width, height } = raster;
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i += 1) {
    if (data[i]! < INK_LEVEL) ink[i] = 1;
    else data[i] = 255;
  }
  const scale = Math.hypot(registration.transform[0], registration.transform[3]);
  const kept = ink.slice();
  dropSpecks(kept, width, height, Math.max(4, Math.round(MIN_FAX_PIECE * scale * scale)));
  for (let i = 0; i < data.length; i += 1) if (ink[i] && !kept[i]) data[i] = 255;
}

/** One step of a 3 × 3 dilation of a 0/1 mask. */
function dilate(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      if (mask[i] || (x > 0 && mask[i - 1]) || (x + 1 < width && mask[i + 1]) || (y > 0 && mask[i - width]) || (y + 1 < height && mask[i + width])) out[i] = 1;
    }
  }
  return out;
}

interface SavedPixels {
  rect: { x: number; y: number; width: number; height: number };
  data: Uint8Array;
}

/**
 * What is inside each checkbox zone, kept from being erased as printed text: a template
 * proposed from a blank page reads an empty square as a word ("oO Standard"), and erasing that
 * run erased the X typed in the square with it (every checkbox of a site's form came out empty).
 */
function checkboxPixels(raster: GreyRaster, registration: Registration, template: FormTemplate): SavedPixels[] {
  return template.zones
    .filter((zone) => zone.type === 'checkbox')
    .map((zone) => {
      const r = pageRect(registration, zone.box);
      const x = Math.max(0, Math.floor(r.x));
      const y = Math.max(0, Math.floor(r.y));
      const width = Math.max(0, Math.min(raster.width, Math.ceil(r.x + r.width)) - x);
      const height = Math.max(0, Math.min(raster.height, Math.ceil(r.y + r.height)) - y);
      const data = new Uint8Array(width * height);
      for (let row = 0; row < height; row += 1) data.set(raster.data.subarray((y + row) * raster.width + x, (y + row) * raster.width + x + width), row * width);
      return { rect: { x, y, width, height }, data };
    });
}

function restorePixels(raster: GreyRaster, saved: readonly SavedPixels[]): void {
  for (const { rect, data } of saved) {
    for (let row = 0; row < rect.height; row += 1) raster.data.set(data.subarray(row * rect.width, (row + 1) * rect.width), (rect.y + row) * raster.width + rect.x);
  }
}

/** Paper at least this light (its median grey) is already clean: a fax, a drawn page. */
const CLEAN_PAPER = 250;
/** On paper evened out to white, darker than this is a value's ink (or its core). */
const EVENED_INK_CUT = 150;

/**
 * A grey scan or photo of a form printed as dark as its values (a site's own black form) keeps
 * its paper as the scanner saw it: grainy, and with the labels gone nearly all of the page. The
 * second reading's preparation stretches the page's levels to its darkest percent, which is
 * then the paper's grain, and reads noise for minutes. So the paper is evened out to white and
 * everything away from a value's dark core goes, as dropByLevel does for a red form.
 */
function clearPaper(raster: GreyRaster, dpi: number): void {
  if (paperLevel(raster) >= CLEAN_PAPER) return;
  raster.data.set(evenOutLight(raster, measurePaperLight(raster, dpi)).data);
  dropByLevel(raster, EVENED_INK_CUT + LEVEL_MARGIN);
}

/** The registered page with the form's printing, hue and rules taken out. */
export async function dropFormInk(image: Buffer, registration: Registration, template: FormTemplate): Promise<DroppedOut> {
  // A page placed by its values shows none of the form's print where the form puts it (the
  // placement carries the printer's misfeed): only what can be told by hue or length goes.
  const labelsPlaced = registration.model !== 'values';
  const { data, info } = await sharp(image).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  const { grey, dropped } = greyWithoutDropout(data, info.channels, info.width, info.height);
  const raster: GreyRaster = { data: grey, width: info.width, height: info.height };
  const formInk = formInkLevel(raster, registration, template);
  // Labels are erased by position too, but never the ink of a value that touches one (a misfed
  // line sits on the next box's label): where the level tells them apart, a value's ink is kept.
  const values = formInk !== null && formInk >= MIN_DROPOUT_GREY ? dropByLevel(raster, formInk) : null;
  // A colour page whose red went by its hue has nothing of the form left to erase by position.
  const byHue = dropped > info.width * info.height * HUE_SHARE;
  if (byHue) return { image: await encodeForOcr(raster), raster, dropoutPixels: dropped };
  if (labelsPlaced) {
    const squares = checkboxPixels(raster, registration, template);
    whitenPrintedText(raster, registration, template, values, paperLevel(raster));
    restorePixels(raster, squares);
  }
  else dropFaintPrint(raster, registration);
  // Where the level took the form's ink, its rules went with it; looking for them by length
  // there would only join the soft tops of a line of capitals into a "rule".
  const scale = Math.hypot(registration.transform[0], registration.transform[3]);
  if (!values) removeRules(raster, Math.max(20, Math.round(RULE_RUN * scale)), paperLevel(raster));
  // Reference units are 1/300 inch on every template designed from a 300 dpi page.
  if (!values && labelsPlaced) clearPaper(raster, 300 * scale);
  return { image: await encodeForOcr(raster), raster, dropoutPixels: dropped };
}
