import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { logger } from '../log/logger';
import { asImageError, damagedFileError, passwordProtectedError } from './imaging-errors';
import { DEFAULT_DPI, assertDocumentSize, type DecodedPage, type PageSource } from './page-source';
import { readFormFieldWords, withFormFieldWords, type FormFieldWords } from './pdf-form-fields';
import { wordsFromTextRuns, type PlacedTextRun } from './pdf-text-layer';

const log = logger('imaging');

/** Scanned pages are rasterised for OCR at this resolution. */
export const SCANNED_PAGE_DPI = DEFAULT_DPI;
/** Born-digital pages are only looked at, their words come from the file: a lighter raster. */
export const TEXT_PAGE_DPI = 200;
// A vector page can be any size (posters, engineering sheets); past this the raster resolution
// drops instead of the page being refused. 40 MP of RGBA is 160 MB.
const MAX_RASTER_PIXELS = 40_000_000;
// Fewer visible characters than this and the page is a scan with stray text (a stamp, a
// page number), so it is read by OCR instead.
const MIN_TEXT_LAYER_CHARS = 8;
const TEXT_RENDER_INVISIBLE = 3;

type RenderParameters = Parameters<PDFPageProxy['render']>[0];
type PdfJs = typeof PdfJsModule;
let pdfjsModule: Promise<PdfJs> | null = null;

/** pdf.js, loaded once, with its worker code run in-process (Node has no web workers here). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(pdfjsFolder(), 'legacy/build/pdf.worker.mjs')).href;
    return pdfjs;
  });
  return pdfjsModule;
}

/**
 * Loads pdf.js and its in-process worker ahead of the first PDF (almost a second of module
 * loading), so the first page of the first import is not the one that pays for it.
 */
export function warmUpPdfReader(): Promise<void> {
  return loadPdfJs()
    .then((pdfjs) => import(pdfjs.GlobalWorkerOptions.workerSrc))
    .then(() => undefined)
    .catch(() => undefined);
}

function pdfjsFolder(): string {
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/** Opens a PDF; pages are rendered and their text read only when asked for. */
export async function openPdfSource(bytes: Buffer): Promise<PageSource> {
  const pdfjs = await loadPdfJs();
  const folder = pdfjsFolder();
  // Fonts, character maps and image decoders come from the installed package, never the network.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${path.join(folder, 'standard_fonts')}/`,
    cMapUrl: `${path.join(folder, 'cmaps')}/`,
    cMapPacked: true,
    wasmUrl: `${path.join(folder, 'wasm')}/`,
    iccUrl: `${path.join(folder, 'iccs')}/`,
    useSystemFonts: false,
    isEvalSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let document: PDFDocumentProxy;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw passwordProtectedError();
    throw damagedFileError();
  }
  if (document.numPages < 1) {
    await task.destroy();
    throw damagedFileError();
  }
  try {
    // The count first: sizing the pages asks pdf.js for every one of them.
    assertDocumentSize(document.numPages, 0);
    assertDocumentSize(document.numPages, await rasterPixels(document));
  } catch (error) {
    await task.destroy();
    throw asImageError(error);
  }
  let closed = false;
  return {
    format: 'pdf',
    pageCount: document.numPages,
    page: async (index) => {
      if (closed) throw new Error('page source is closed');
      try {
        return await decodePdfPage(pdfjs, document, index);
      } catch (error) {
        log.warn('pdf page failed to decode', { page: index });
        throw asImageError(error, document.numPages > 1 ? index : undefined);
      }
    },
    formFieldWords: async (index, size) => {
      if (closed) throw new Error('page source is closed');
      return pageFormFields(document, index, size);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await task.destroy();
    },
  };
}

async function decodePdfPage(pdfjs: PdfJs, document: PDFDocumentProxy, index: number): Promise<DecodedPage> {
  const page = await document.getPage(index + 1);
  try {
    const content = await page.getTextContent();
    const runs = content.items.filter((item) => 'str' in item && item.str.trim() !== '');
    const visibleChars = (await hasVisibleText(pdfjs, page)) ? runs.reduce((sum, item) => sum + ('str' in item ? item.str.trim().length : 0), 0) : 0;
    const bornDigital = visibleChars >= MIN_TEXT_LAYER_CHARS;
    const viewport = viewportWithin(page, bornDigital ? TEXT_PAGE_DPI : SCANNED_PAGE_DPI);
    const width = Math.max(1, Math.ceil(viewport.width));
    const height = Math.max(1, Math.ceil(viewport.height));
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    // @napi-rs/canvas implements the part of the DOM canvas pdf.js draws with. Form fields are
    // drawn with their appearances (ENABLE): ENABLE_FORMS would leave them to an HTML layer this
    // raster never gets, and a filled form's values would be missing from the page image.
    const target = { canvas, canvasContext: context, viewport, annotationMode: pdfjs.AnnotationMode.ENABLE } as unknown as RenderParameters;
    await page.render(target).promise;
    const display = await canvas.encode('png');
    const dpi = Math.round(viewport.scale * 72);
    if (!bornDigital) return { index, display, width, height, dpi };
    const placed: PlacedTextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const style = content.styles[item.fontName];
      placed.push({
        text: item.str,
        transform: pdfjs.Util.transform(viewport.transform, item.transform),
        width: item.width * viewport.scale,
        ascent: style?.ascent ?? 0.8,
        descent: style?.descent ?? -0.2,
      });
    }
    const text = wordsFromTextRuns(placed, advanceMeasure(context), width, height);
    // A filled PDF form's values are in its fields, not in its text: they join the page's words.
    const fields = await readFormFieldWords(page, viewport.transform, { width, height });
    const textLayer = fields ? withFormFieldWords(text, fields) : text;
    return { index, display, width, height, dpi, textLayer };
  } finally {
    page.cleanup();
  }
}

/**
 * The form values of a page read by OCR, placed for its stored image: the viewport is the one
 * the page was rendered with, found again from the image's width.
 */
async function pageFormFields(document: PDFDocumentProxy, index: number, size: { width: number; height: number }): Promise<FormFieldWords | null> {
  const page = await document.getPage(index + 1).catch(() => null);
  if (!page) return null;
  try {
    const rendered = [SCANNED_PAGE_DPI, TEXT_PAGE_DPI].map((dpi) => viewportWithin(page, dpi)).find((viewport) => Math.ceil(viewport.width) === size.width);
    const viewport = rendered ?? page.getViewport({ scale: size.width / Math.max(1, page.getViewport({ scale: 1 }).width) });
    return await readFormFieldWords(page, viewport.transform, size);
  } finally {
    page.cleanup();
  }
}

/** False when every piece of text is drawn invisibly: a scan under an OCR layer someone else made. */
async function hasVisibleText(pdfjs: PdfJs, page: PDFPageProxy): Promise<boolean> {
  const operators = await page.getOperatorList();
  let invisibleOnly = false;
  for (let i = 0; i < operators.fnArray.length; i++) {
    if (operators.fnArray[i] !== pdfjs.OPS.setTextRenderingMode) continue;
    const mode = (operators.argsArray[i] as number[] | undefined)?.[0];
    if (mode !== TEXT_RENDER_INVISIBLE) return true;
    invisibleOnly = true;
  }
  return !invisibleOnly;
}

/**
 * What rasterising every page would decode, at the scan resolution (the larger of the two),
 * read from the page tree alone: nothing is drawn.
 */
async function rasterPixels(document: PDFDocumentProxy): Promise<number> {
  let total = 0;
  for (let number = 1; number <= document.numPages; number++) {
    // A page pdf.js cannot find fails on its own later, and is never drawn: it costs nothing.
    const page = await document.getPage(number).catch(() => null);
    if (!page) continue;
    const viewport = viewportWithin(page, SCANNED_PAGE_DPI);
    total += Math.ceil(viewport.width) * Math.ceil(viewport.height);
    page.cleanup();
  }
  return total;
}

function viewportWithin(page: PDFPageProxy, dpi: number): ReturnType<PDFPageProxy['getViewport']> {
  const natural = page.getViewport({ scale: 1 });
  const wanted = dpi / 72;
  const fits = Math.sqrt(MAX_RASTER_PIXELS / Math.max(1, natural.width * natural.height));
  return page.getViewport({ scale: Math.min(wanted, fits) });
}

/** Relative glyph advances from a sans font; only their proportions within a run are used. */
function advanceMeasure(context: SKRSContext2D): (text: string) => number {
  context.font = '100px sans-serif';
  return (text) => (text === '' ? 0 : context.measureText(text).width);
}
