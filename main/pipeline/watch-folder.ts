import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { logger } from '../log/logger';
import type { VaultDatabase } from '../vault/database';

const log = logger('watch-folder');

/** Scanners write files in pieces: a file is taken only once its size and time stopped changing. */
const POLL_MS = 3_000;
const DOCUMENT_NAME = /\.(png|jpe?g|webp|tiff?|pdf)$/i;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface WatchFolderImport {
  (name: string, bytes: Buffer): Promise<{ ok: true; documentId: string } | { ok: false; code: string }>;
}

/**
 * Takes in scanner output. Polling, not fs.watch: scanners often write to network shares,
 * where change events are unreliable. Each file is imported once by content hash; the files are
 * left where they are (they are the scanner's), and nothing about them is logged but counts.
 */
export class WatchFolder {
  private timer: NodeJS.Timeout | null = null;
  private readonly seen = new Map<string, string>();
  private busy = false;

  constructor(
    private readonly folder: string,
    private readonly db: VaultDatabase,
    private readonly importFile: WatchFolderImport,
    private readonly pollMs = POLL_MS,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass: import every file that has been stable since the previous pass. Returns how many were imported. */
  async poll(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let imported = 0;
    try {
      const entries = await fs.readdir(this.folder, { withFileTypes: true }).catch(() => null);
      if (!entries) {
        log.warn('watch folder is not readable');
        return 0;
      }
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith('.') || !DOCUMENT_NAME.test(entry.name)) continue;
        const file = path.join(this.folder, entry.name);
        const stat = await fs.stat(file).catch(() => null);
        if (!stat || stat.size === 0 || stat.size > MAX_FILE_BYTES) continue;
        const signature = `${stat.size}:${stat.mtimeMs}`;
        const previous = this.seen.get(file);
        this.seen.set(file, signature);
        if (previous !== signature) continue;
        if (await this.importOnce(entry.name, file)) imported++;
      }
    } finally {
      this.busy = false;
    }
    if (imported > 0) log.info('watch folder imported files', { files: imported });
    return imported;
  }

  private async importOnce(name: string, file: string): Promise<boolean> {
    const bytes = await fs.readFile(file).catch(() => null);
    if (!bytes) return false;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (this.db.prepare('SELECT 1 FROM watch_imports WHERE sha256 = ?').get(sha256)) return false;
    const outcome = await this.importFile(name, bytes);
    this.db
      .prepare('INSERT OR IGNORE INTO watch_imports (sha256, document_id, outcome, imported_at) VALUES (?, ?, ?, ?)')
      .run(sha256, outcome.ok ? outcome.documentId : null, outcome.ok ? 'imported' : outcome.code, new Date().toISOString());
    return outcome.ok;
  }
}
