import { spawnSync } from 'node:child_process';
import { FolioError } from '../../app/contract/errors';
import { OCR_DPI } from '../imaging/prepare';
import { DEFAULT_PAGE_TIMEOUT_MS, type OcrEngine, type OcrPageResult, type PageLayoutMode, type RecognizeOptions } from './engine';
import { parseTesseractTsv } from './tsv';
import { WarmProcesses } from './warm-processes';

const MAX_STDERR = 4096;
/** Tesseract's page segmentation modes: 3 is fully automatic, 11 is sparse text, 6 one block of rows. */
const PAGE_SEGMENTATION: Record<PageLayoutMode, string> = { page: '3', sparse: '11', block: '6' };
/** Characters a whitelist may name: letters, digits and a few separators; nothing a shell or Tesseract's config parser treats specially. */
const WHITELIST_CHARACTERS = /^[A-Za-z0-9 ./$,()-]{1,100}$/;

/** True when a `tesseract` binary with English data answers on PATH. */
export function nativeTesseractAvailable(binary = 'tesseract'): boolean {
  const probe = spawnSync(binary, ['--list-langs'], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0 && /^eng$/m.test(probe.stdout ?? '');
}

/**
 * The system Tesseract, run once per page with an argument array (never a shell string) and the
 * image on stdin, so no path or name from a document ever reaches a command line and no
 * plaintext temp file is written. One thread per process: the pipeline runs pages in parallel.
 * Each page's process is started while the previous page is read, so it has loaded its model
 * by the time its page arrives.
 */
export class TesseractCliEngine implements OcrEngine {
  readonly name = 'tesseract-cli' as const;
  readonly followsLayout = true;
  private readonly processes: WarmProcesses;

  /** `workers`: how many pages will be read at once; that many processes start right away. */
  constructor(
    binary = 'tesseract',
    private readonly language = 'eng',
    workers = 0,
  ) {
    this.processes = new WarmProcesses(binary, { ...process.env, OMP_THREAD_LIMIT: '1' });
    // Prepared pages are almost always at 300 dpi, so that is what the first ones expect.
    if (workers > 0) this.processes.prime(this.arguments(OCR_DPI), workers);
  }

  private arguments(dpi: number | undefined, layout: PageLayoutMode = 'page', characters?: string): string[] {
    const args = ['stdin', 'stdout', '-l', this.language, '--psm', PAGE_SEGMENTATION[layout]];
    if (dpi) args.push('--dpi', String(Math.round(dpi)));
    if (characters !== undefined) {
      if (!WHITELIST_CHARACTERS.test(characters)) throw new FolioError('invalid_input', 'A character list for the engine may hold letters, digits and simple separators only.');
      args.push('-c', `tessedit_char_whitelist=${characters}`);
    }
    args.push('tsv');
    return args;
  }

  recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    const args = this.arguments(options.dpi, options.layout, options.characters);
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new FolioError('cancelled', 'Recognition was cancelled.'));
        return;
      }
      const { child, done } = this.processes.take(args);
      const stdout: Buffer[] = [];
      let stderr = '';
      let settled = false;
      const finish = (error: FolioError | null, result?: OcrPageResult): void => {
        if (settled) return;
        settled = true;
        done();
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(result as OcrPageResult);
      };
      const onAbort = (): void => {
        child.kill('SIGKILL');
        finish(new FolioError('cancelled', 'Recognition was cancelled.'));
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(new FolioError('ocr_failed', 'Recognition took too long and was stopped.'));
      }, options.timeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS);
      options.signal?.addEventListener('abort', onAbort, { once: true });

      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8');
      });
      child.on('error', () => finish(new FolioError('ocr_failed', 'The Tesseract program could not be started.')));
      child.on('close', (code) => {
        if (code !== 0) {
          finish(new FolioError('ocr_failed', 'Tesseract could not read this page image.'));
          return;
        }
        finish(null, { engine: this.name, words: parseTesseractTsv(Buffer.concat(stdout).toString('utf8')) });
      });
      // A page Tesseract rejects closes stdin early; the close handler reports it.
      child.stdin.on('error', () => undefined);
      child.stdin.end(image);
    });
  }

  async close(): Promise<void> {
    this.processes.close();
  }
}
