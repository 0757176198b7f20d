import fs from 'node:fs';
import path from 'node:path';

/** One way a marker could sit in a file: the bytes to look for, after ASCII case folding. */
interface Needle {
  marker: string;
  encoding: 'utf8' | 'utf16le' | 'utf16be';
  bytes: Buffer;
}

export interface LeakHit {
  file: string;
  marker: string;
  encoding: Needle['encoding'];
}

const CHUNK = 8 * 1024 * 1024;
/** Beyond this a file is read only in part; no file Folio writes for a test comes near it. */
const MAX_BYTES_PER_FILE = 512 * 1024 * 1024;

/**
 * Markers are ASCII, so folding A–Z to a–z byte by byte makes the search case-insensitive in
 * UTF-8 and in both UTF-16 byte orders alike (an ASCII letter is one byte beside a zero).
 */
function foldAscii(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) {
    const byte = out[i] as number;
    if (byte >= 0x41 && byte <= 0x5a) out[i] = byte + 0x20;
  }
  return out;
}

export function needlesFor(markers: readonly string[]): Needle[] {
  return markers.flatMap((marker) => {
    if (!/^[\x20-\x7e]+$/.test(marker)) throw new Error('leak markers must be printable ASCII');
    const folded = marker.toLowerCase();
    const utf16le = Buffer.from(folded, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    return [
      { marker, encoding: 'utf8' as const, bytes: Buffer.from(folded, 'utf8') },
      { marker, encoding: 'utf16le' as const, bytes: utf16le },
      { marker, encoding: 'utf16be' as const, bytes: utf16be },
    ];
  });
}

export function scanBytes(bytes: Buffer, needles: readonly Needle[], file = '<memory>'): LeakHit[] {
  const folded = foldAscii(bytes);
  return needles.filter((needle) => folded.includes(needle.bytes)).map((needle) => ({ file, marker: needle.marker, encoding: needle.encoding }));
}

/** Scans one file in chunks that overlap by the longest needle, so nothing hides on a boundary. */
export function scanFile(file: string, needles: readonly Needle[]): LeakHit[] {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    // Gone between listing and reading (another process's temp file), or not ours to read.
    return [];
  }
  const overlap = Math.max(...needles.map((needle) => needle.bytes.length));
  const hits = new Map<string, LeakHit>();
  try {
    const buffer = Buffer.alloc(CHUNK + overlap);
    let carried = 0;
    let offset = 0;
    while (offset < MAX_BYTES_PER_FILE) {
      const read = fs.readSync(fd, buffer, carried, CHUNK, offset);
      if (read === 0) break;
      offset += read;
      const window = buffer.subarray(0, carried + read);
      for (const hit of scanBytes(window, needles, file)) hits.set(`${hit.marker}:${hit.encoding}`, hit);
      carried = Math.min(overlap, window.length);
      window.copy(buffer, 0, window.length - carried);
    }
  } finally {
    fs.closeSync(fd);
  }
  return [...hits.values()];
}

/** Every regular file under `root` (symlinks are not followed), optionally only those changed since `since`. */
export function listFiles(root: string, options: { since?: number } = {}): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        if (options.since === undefined) out.push(full);
        else {
          try {
            if (fs.statSync(full).mtimeMs >= options.since) out.push(full);
          } catch {
            // Removed meanwhile.
          }
        }
      }
    }
  };
  if (fs.existsSync(root) && fs.statSync(root).isDirectory()) visit(root);
  else if (fs.existsSync(root)) out.push(root);
  return out;
}

export function scanTree(root: string, needles: readonly Needle[], options: { since?: number } = {}): { files: number; hits: LeakHit[] } {
  const files = listFiles(root, options);
  return { files: files.length, hits: files.flatMap((file) => scanFile(file, needles)) };
}

/** The names directly inside a directory: taken before and after a test to find what it created. */
export function entriesOf(dir: string): Set<string> {
  try {
    return new Set(fs.readdirSync(dir));
  } catch {
    return new Set();
  }
}

/** `SQLite format 3\0`: the first bytes of every unencrypted SQLite database, and of page 1 in a WAL. */
export const SQLITE_PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Files this process holds open that are already unlinked: where SQLite keeps its temporary
 * files (`etilqs_*`, deleted at creation, so no directory listing ever shows them). Linux only.
 * Returns the bytes as readable through /proc, which is what anyone with the disk could recover.
 */
export function openDeletedFiles(): Array<{ target: string; bytes: Buffer }> {
  const out: Array<{ target: string; bytes: Buffer }> = [];
  for (const fd of entriesOf('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.startsWith('/') || !target.endsWith(' (deleted)')) continue;
    try {
      out.push({ target, bytes: fs.readFileSync(`/proc/self/fd/${fd}`) });
    } catch {
      // Closed meanwhile.
    }
  }
  return out;
}
