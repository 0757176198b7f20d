import { spawn } from 'node:child_process';

export type QuarterTurn = 0 | 90 | 180 | 270;

// Tesseract's OSD confidence for a clean upright page is 15–25; below this the answer is a
// guess (a page of numbers, a nearly empty page) and the page is read as it is.
const MIN_CONFIDENCE = 2;
const OSD_TIMEOUT_MS = 30_000;

/**
 * Asks Tesseract's orientation detector (`--psm 0`, osd.traineddata) how far clockwise the
 * page must turn to stand upright. The image goes in on stdin and the arguments are fixed, so
 * nothing from a document reaches the command line. Any failure means "leave it as it is".
 */
export function detectQuarterTurn(png: Buffer, dpi: number, signal?: AbortSignal, binary = 'tesseract'): Promise<QuarterTurn> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(0);
      return;
    }
    const child = spawn(binary, ['stdin', 'stdout', '--psm', '0', '--dpi', String(Math.round(dpi))], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let output = '';
    let settled = false;
    const finish = (turn: QuarterTurn): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(turn);
    };
    const onAbort = (): void => {
      child.kill('SIGKILL');
      finish(0);
    };
    const timer = setTimeout(onAbort, OSD_TIMEOUT_MS);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (output.length < 4096) output += chunk.toString('utf8');
    });
    child.on('error', () => finish(0));
    child.on('close', (code) => finish(code === 0 ? parseOsd(output) : 0));
    child.stdin.on('error', () => undefined);
    child.stdin.end(png);
  });
}

export function parseOsd(output: string): QuarterTurn {
  const rotate = /Rotate:\s*(\d+)/.exec(output)?.[1];
  const confidence = Number(/Orientation confidence:\s*([\d.]+)/.exec(output)?.[1] ?? 0);
  if (rotate === undefined || confidence < MIN_CONFIDENCE) return 0;
  const turn = Number(rotate);
  return turn === 90 || turn === 180 || turn === 270 ? turn : 0;
}
