import { createRequire } from 'node:module';
import path from 'node:path';
import { createScheduler, createWorker, OEM, type Scheduler } from 'tesseract.js';
import { FolioError } from '../../app/contract/errors';
import { DEFAULT_PAGE_TIMEOUT_MS, type OcrEngine, type OcrPageResult, type RecognizeOptions } from './engine';
import { parseTesseractTsv } from './tsv';

/**
 * Language data ships inside the @tesseract.js-data/eng package; tesseract.js is always given
 * this local path with caching off, because without it tesseract.js reaches for the network.
 */
export function bundledLangPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/** The WebAssembly Tesseract, for machines without the system binary. A pool of workers. */
export class TesseractJsEngine implements OcrEngine {
  readonly name = 'tesseract-js' as const;
  private scheduler: Promise<Scheduler> | null = null;

  constructor(private readonly workers: number) {}

  private start(): Promise<Scheduler> {
    this.scheduler ??= (async () => {
      const scheduler = createScheduler();
      for (let i = 0; i < this.workers; i++) {
        const worker = await createWorker('eng', OEM.LSTM_ONLY, {
          langPath: bundledLangPath(),
          cacheMethod: 'none',
          gzip: true,
        });
        scheduler.addWorker(worker);
      }
      return scheduler;
    })();
    return this.scheduler;
  }

  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    if (options.signal?.aborted) throw new FolioError('cancelled', 'Recognition was cancelled.');
    const scheduler = await this.start();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new FolioError('ocr_failed', 'Recognition took too long and was stopped.')),
        options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS,
      );
    });
    try {
      const job = scheduler.addJob('recognize', image, {}, { tsv: true, text: false, blocks: false });
      const result = await Promise.race([job, timeout]);
      return { engine: this.name, words: parseTesseractTsv(result.data.tsv ?? '') };
    } catch (error) {
      if (error instanceof FolioError) throw error;
      throw new FolioError('ocr_failed', 'The recognizer could not read this page image.');
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (!this.scheduler) return;
    const scheduler = await this.scheduler;
    this.scheduler = null;
    await scheduler.terminate();
  }
}
