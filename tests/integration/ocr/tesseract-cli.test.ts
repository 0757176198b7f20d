import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { TesseractCliEngine } from '../../../main/ocr/tesseract-cli';
import { WarmProcesses } from '../../../main/ocr/warm-processes';
import { renderTextPage } from '../../fixtures/scans/render-page';

/** Tesseract processes this test process has started and not yet reaped. */
function tesseractChildren(): number {
  const out = execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' });
  return out.split('\n').filter((name) => name.trim() === 'tesseract').length;
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let engine: TesseractCliEngine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
});

describe('the system Tesseract engine', () => {
  it('reads pages one after another and at once with the same result as the first, cold read', async () => {
    engine = new TesseractCliEngine();
    const page = await renderTextPage(41, 4);
    const text = (words: { text: string }[]): string => words.map((word) => word.text).join(' ');
    const cold = text((await engine.recognize(page.png, { dpi: 300 })).words);
    expect(cold).toContain(page.text.lines[0]!.split(' ')[0]);
    expect(text((await engine.recognize(page.png, { dpi: 300 })).words)).toBe(cold);
    const together = await Promise.all([1, 2, 3].map(() => engine!.recognize(page.png, { dpi: 300 })));
    expect(together.map((result) => text(result.words))).toEqual([cold, cold, cold]);
  });

  it('leaves no Tesseract process running once closed', async () => {
    engine = new TesseractCliEngine();
    const page = await renderTextPage(42, 2);
    await engine.recognize(page.png, { dpi: 300 });
    expect(tesseractChildren()).toBeGreaterThan(0); // the next page's process, already started
    await engine.close();
    await settle(200);
    expect(tesseractChildren()).toBe(0);
  });

  it('ends a started process nobody came for', async () => {
    // An idle limit of seconds, not a few hundred ms: on a loaded CI machine the first process
    // alone can take longer than that, and the waiting one must still be there when it ends.
    const processes = new WarmProcesses('tesseract', { ...process.env, OMP_THREAD_LIMIT: '1' }, 3000);
    const { child, done } = processes.take(['stdin', 'stdout', '-l', 'eng', 'tsv']);
    child.stdin.end(Buffer.alloc(0));
    await new Promise((resolve) => child.on('close', resolve));
    done();
    expect(tesseractChildren()).toBe(1);
    await settle(4000);
    expect(tesseractChildren()).toBe(0);
    processes.close();
  });
});
