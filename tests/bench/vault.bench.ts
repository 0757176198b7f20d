/**
 * What encryption costs the vault, and how fast search is at clinic scale.
 *
 * 1. Write and read throughput of the same workload against an encrypted (SQLCipher) and a
 *    plain database, in the same run, rounds interleaved so a busy neighbour on a shared
 *    machine slows both alike. Target: encrypted at most 1.5x slower.
 * 2. Full-text search over 10,000 documents in the encrypted vault. Target: p95 <= 50 ms.
 *
 * Everything goes through the product's own code (openDatabase, DocumentStore, SearchIndex)
 * with the product's pragmas (WAL, synchronous=FULL), one transaction per document as import
 * does. Text is generated from a seed: every run measures the same data.
 *
 *   npx tsx tests/bench/vault.bench.ts [--docs N] [--no-write]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type VaultDatabase } from '../../main/vault/database';
import { DocumentStore } from '../../main/vault/document-store';
import { SearchIndex } from '../../main/vault/search-index';
import { machineLine, median, recordBenchmarkSection } from './record';
import { seededRandom } from '../fixtures/scans/known-text';

const SECTION = 'bench:vault';
const COMMAND = 'npx tsx tests/bench/vault.bench.ts';
const args = process.argv.slice(2);
const searchDocs = Number(args[args.indexOf('--docs') + 1] ?? 0) || 10_000;
const writeReport = !args.includes('--no-write');

const ROUNDS = 5;
const PAGE_BYTES = 256 * 1024;
const WORDS_PER_PAGE = 250;
const SEARCH_QUERIES = 300;

const seeded = seededRandom;

const random = seeded(20250301);
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 'ze', 'van', 'dor', 'lin', 'mar', 'sel', 'tor', 'bel', 'quin', 'ash'];
/** 20,000 distinct words; drawn with a Zipf-like skew, so some are everywhere and most are rare, as in real paperwork. */
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => {
  let word = '';
  let n = i + 1;
  while (n > 0) {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return word;
});
function pickWord(): string {
  const rank = Math.floor(VOCABULARY.length ** random());
  return VOCABULARY[Math.min(rank, VOCABULARY.length - 1)] as string;
}

function pageWords(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    text: pickWord(),
    line: Math.floor(i / 10),
    confidence: 80 + Math.floor(random() * 20),
    box: { x: (i % 10) * 60, y: Math.floor(i / 10) * 20, width: 55, height: 18 },
  }));
}

function importDocument(store: DocumentStore, id: string, image: Buffer, words: ReturnType<typeof pageWords>): void {
  store.insertDocument({ id, name: `${id}.png`, format: 'png', pageCount: 1, original: image }, [{ index: 0, width: 2550, height: 3300, dpi: 300, image }], new Date().toISOString());
  store.savePageOcr(id, 0, { engine: 'tesseract-cli', words });
}

type Mode = 'plain' | 'encrypted';

/** One workload: what a document is made of, and what "throughput" counts. */
interface Workload {
  name: string;
  docsPerRound: number;
  blobBytes: number;
  unit: string;
  /** Amount of the unit in one document as written / as read back. */
  written: number;
  /** Plain SQL on schema 001's tables, so the bench does not move with the store's API. */
  reader: (db: VaultDatabase) => (id: string) => number;
}

const WORKLOADS: Workload[] = [
  {
    // What the person's clicks cause: a document's rows and OCR words, edits, audit rows.
    name: 'records (document row + 250 OCR words)',
    docsPerRound: 100,
    blobBytes: 1024,
    unit: 'docs/s',
    written: 1,
    reader: (db) => {
      const words = db.prepare('SELECT id, text, confidence, x, y, width, height FROM words WHERE document_id = ? ORDER BY page_index, seq');
      return (id) => (words.all(id).length > 0 ? 1 : 0);
    },
  },
  {
    // Import's bulk: the original and the page raster, both stored in the vault.
    name: 'page rasters (256 KiB original + 256 KiB raster)',
    docsPerRound: 40,
    blobBytes: PAGE_BYTES,
    unit: 'MiB/s',
    written: (2 * PAGE_BYTES) / 2 ** 20,
    reader: (db) => {
      const image = db.prepare('SELECT image FROM pages WHERE document_id = ? AND page_index = 0');
      return (id) => ((image.get(id) as { image: Buffer } | undefined)?.image.length ?? 0) / 2 ** 20;
    },
  },
];

interface Rates {
  write: Record<Mode, number[]>;
  read: Record<Mode, number[]>;
}

function measureWorkload(dir: string, workload: Workload, index: number): Rates {
  const dbs: Record<Mode, VaultDatabase> = {
    plain: openDatabase({ file: path.join(dir, `plain-${index}.db`), key: null }),
    encrypted: openDatabase({ file: path.join(dir, `encrypted-${index}.db`), key: randomBytes(32) }),
  };
  const rates: Rates = { write: { plain: [], encrypted: [] }, read: { plain: [], encrypted: [] } };
  const ids: string[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const blobs = Array.from({ length: workload.docsPerRound }, () => randomBytes(workload.blobBytes));
    const words = Array.from({ length: workload.docsPerRound }, () => pageWords(WORDS_PER_PAGE));
    const roundIds = blobs.map((_, i) => `r${round}-d${i}`);
    // Alternate which goes first, so neither always meets a warm or a cold disk cache.
    for (const mode of orderFor(round)) {
      const store = new DocumentStore(dbs[mode]);
      const started = performance.now();
      roundIds.forEach((id, i) => importDocument(store, id, blobs[i] as Buffer, words[i] ?? []));
      rates.write[mode].push((workload.docsPerRound * workload.written) / ((performance.now() - started) / 1000));
    }
    ids.push(...roundIds);
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    const shuffled = [...ids].sort(() => random() - 0.5);
    for (const mode of orderFor(round)) {
      const read = workload.reader(dbs[mode]);
      const started = performance.now();
      let amount = 0;
      for (const id of shuffled) amount += read(id);
      rates.read[mode].push(amount / ((performance.now() - started) / 1000));
    }
  }
  dbs.plain.close();
  dbs.encrypted.close();
  return rates;
}

function orderFor(round: number): readonly Mode[] {
  return round % 2 === 0 ? ['plain', 'encrypted'] : ['encrypted', 'plain'];
}

function measureSearch(dir: string): { build: number; p50: number; p95: number; max: number; hitsMedian: number } {
  const db = openDatabase({ file: path.join(dir, 'search.db'), key: randomBytes(32) });
  const store = new DocumentStore(db);
  const index = new SearchIndex(db);
  const image = randomBytes(1024);
  const started = performance.now();
  db.pragma('synchronous = NORMAL'); // building the fixture only; searches below do not write
  for (let i = 0; i < searchDocs; i += 1) importDocument(store, `doc-${i}`, image, pageWords(150));
  index.refresh();
  db.pragma('synchronous = FULL');
  const build = (performance.now() - started) / 1000;

  const queries = Array.from({ length: SEARCH_QUERIES }, (_, i) => {
    const kind = i % 3;
    if (kind === 0) return pickWord();
    if (kind === 1) return `${pickWord()} ${pickWord()}`;
    return pickWord().slice(0, 4);
  });
  const timings: number[] = [];
  const hits: number[] = [];
  for (const query of queries) {
    const t0 = performance.now();
    hits.push(index.search(query, 50).length);
    timings.push(performance.now() - t0);
  }
  db.close();
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return { build, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] as number, hitsMedian: median(hits) };
}

// On the same file system as a real data dir would be (here /tmp is ext4, not tmpfs), so
// fsync costs what it costs for a person.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-vault-'));
try {
  const verdict = (ok: boolean) => (ok ? 'meets target' : '**misses target**');
  const rows: string[] = [];
  WORKLOADS.forEach((workload, index) => {
    const rates = measureWorkload(dir, workload, index);
    for (const direction of ['write', 'read'] as const) {
      const plain = median(rates[direction].plain);
      const encrypted = median(rates[direction].encrypted);
      const slower = plain / encrypted;
      rows.push(
        `| ${workload.name}, ${direction} | ${format(plain)} ${workload.unit} | ${format(encrypted)} ${workload.unit} | ${slower.toFixed(2)}× | ${verdict(slower <= 1.5)} |`,
      );
    }
  });
  const search = measureSearch(dir);
  const report = [
    '## Vault: encryption cost and search',
    '',
    `Command: \`${COMMAND}\`. ${machineLine()}`,
    '',
    `Same run, same data, rounds interleaved (plain first, then encrypted first): ${ROUNDS} rounds per workload, one transaction per document as import does, WAL, synchronous=FULL, SQLCipher 4 settings (AES-256-CBC + HMAC-SHA512, 4 KiB pages). Reads fetch every document once in random order. Medians of the rounds.`,
    '',
    '| workload | plain | encrypted (SQLCipher) | encrypted is slower by | target ≤ 1.5× |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Reading the page-raster rows: bulk bytes are where encryption shows, since every 4 KiB page is encrypted and authenticated in SQLite3MultipleCiphers\' own code while a plain read is a copy from the OS cache. What a person waits for is OCR (about a second per page), and the encrypted figures stay far above that pace. Meeting 1.5× for bulk bytes would take moving rasters to files encrypted with AES-256-GCM through Node\'s OpenSSL (keys held in the vault) or another cipher than SQLCipher\'s; neither is done here.',
    '',
    `Search: ${searchDocs.toLocaleString('en-US')} documents × 150 words (20,000-word vocabulary, Zipf-skewed) in the encrypted vault, FTS5, index built in ${search.build.toFixed(1)} s. ${SEARCH_QUERIES} queries (one word, two words, 4-letter prefix), top 50, bm25 order; median ${search.hitsMedian} hits per query.`,
    '',
    '| p50 | p95 | max | target p95 ≤ 50 ms |',
    '|---|---|---|---|',
    `| ${search.p50.toFixed(2)} ms | ${search.p95.toFixed(2)} ms | ${search.max.toFixed(2)} ms | ${verdict(search.p95 <= 50)} |`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  if (writeReport) await recordBenchmarkSection(SECTION, report);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
