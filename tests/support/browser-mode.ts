import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './build';

export interface BrowserModeProcess {
  launchUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `dist/main/browser-mode.mjs` as `npm start` does without Electron, on a given data folder. */
export function startBrowserMode(dataDir: string): Promise<BrowserModeProcess> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'main', 'browser-mode.mjs')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, FOLIO_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          launchUrl: match[1],
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
}
