import { configureLogging } from '../../main/log/logger';
import { openWorkstation, type Workstation, type WorkstationOptions } from '../../main/services/workstation';
import { makeTempDir } from './temp-dir';

/** A workstation over a fresh data folder, with the real engine (system Tesseract). */
export function openTestWorkstation(options: Partial<WorkstationOptions> = {}): { workstation: Workstation; dataDir: string; cleanup: () => Promise<void> } {
  const temp = options.dataDir ? null : makeTempDir();
  const dataDir = options.dataDir ?? (temp as { dir: string }).dir;
  configureLogging({ dataDir, console: false });
  const workstation = openWorkstation({ workers: 2, ...options, dataDir });
  return {
    workstation,
    dataDir,
    cleanup: async () => {
      await workstation.close();
      temp?.remove();
    },
  };
}

export function toBase64(bytes: Buffer): string {
  return bytes.toString('base64');
}
