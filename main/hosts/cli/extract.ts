import fs from 'node:fs/promises';
import { isFolioError, type ContractErrorShape } from '../../../app/contract/errors';
import type { OcrEngineName } from '../../../app/model/document';
import { openPageSource } from '../../imaging/decode';
import { withFormFieldWords } from '../../imaging/pdf-form-fields';
import type { OcrEngine, OcrWord } from '../../ocr/engine';
import type { PageLayoutChoice } from '../../ocr/page-layout';
import { recognizeDisplayedPage } from '../../ocr/recognize-page';
import { JobQueue } from '../../pipeline/job-queue';

export interface ExtractedPage {
  index: number;
  width: number;
  height: number;
  engine: OcrEngineName | null;
  error: ContractErrorShape | null;
  /** How the page was segmented (absent for a PDF page's text layer, which is not read). */
  layout: PageLayoutChoice | null;
  words: OcrWord[];
}

export type ExtractedFile =
  | { file: string; ok: true; format: string; pages: ExtractedPage[] }
  | { file: string; ok: false; error: ContractErrorShape };

/**
 * `folio extract`: reads files the user named on the command line and recognises every page,
 * `workers` pages at a time across all files. Nothing is stored.
 */
export async function extractFiles(files: string[], engine: OcrEngine, workers: number): Promise<ExtractedFile[]> {
  const queue = new JobQueue(workers);
  const results: ExtractedFile[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      results.push({ file, ok: false, error: { code: 'not_found', message: 'The file could not be read.' } });
      continue;
    }
    try {
      const source = await openPageSource(bytes);
      const pages: ExtractedPage[] = [];
      let remaining = source.pageCount;
      for (let index = 0; index < source.pageCount; index++) {
        const slot: ExtractedPage = { index, width: 0, height: 0, engine: null, error: null, layout: null, words: [] };
        pages.push(slot);
        queue.push({
          group: file,
          run: async (signal) => {
            try {
              const page = await source.page(index);
              slot.width = page.width;
              slot.height = page.height;
              // A born-digital PDF page carries its exact text; reading its pixels would only add errors.
              const result = page.textLayer
                ? { engine: 'pdf-text' as const, words: page.textLayer }
                : await recognizeDisplayedPage(engine, { image: page.display, dpi: page.dpi }, { signal });
              // A PDF form's typed values replace the engine's reading of them (a text layer has them already).
              const typed = page.textLayer ? null : await source.formFieldWords?.(index, { width: page.width, height: page.height });
              slot.engine = result.engine;
              slot.layout = 'layout' in result ? (result.layout ?? null) : null;
              slot.words = typed ? withFormFieldWords(result.words, typed) : result.words;
            } catch (error) {
              slot.error = toShape(error);
            } finally {
              if (--remaining === 0) await source.close();
            }
          },
        });
      }
      results.push({ file, ok: true, format: source.format, pages });
    } catch (error) {
      results.push({ file, ok: false, error: toShape(error) });
    }
  }
  await queue.onIdle();
  return results;
}

function toShape(error: unknown): ContractErrorShape {
  return isFolioError(error)
    ? { code: error.code, message: error.message }
    : { code: 'internal', message: 'The file could not be processed.' };
}
