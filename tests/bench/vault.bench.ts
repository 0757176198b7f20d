/**
 * What encryption costs the vault, and how fast search is at clinic scale.
 *
 * 1. Write and read throughput of the same workloads stored in clear and by Folio (SQLCipher
 *    for rows, AES-256-GCM files for originals and page images), in the same run, rounds
 *    interleaved so a busy neighbour on a shared machine slows all alike. Target: encrypted at
 *    most 1.5x slower.
 * 2. Full-text search over 10,000 documents in the encrypted vault. Target: p95 <= 50 ms.
 *
 * Folio's side goes through the product's own code (openDatabase, DocumentStore, BlobStore,
 * SearchIndex) with its pragmas (WAL, synchronous=FULL) and its durability (a blob file is
 * fsynced, its folder too, before the row naming it commits). The plain sides are written here,
 * in the bench, with the same durability: plain SQLite holding the bytes inline (what Folio did
 * before blob files, unencrypted), and plain files beside a plain database (Folio's layout
 * without its cipher). Text and bytes come from a seed: every run measures the same data.
 *
 *   npx tsx tests/bench/vault.bench.ts [--docs N] [--no-write]
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syncDirectory } from '../../main/vault/durable-files';
import { BlobStore, blobDirFor } from '../../main/vault/blob-store';
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
const WORDS_PER_PAGE = 250;
const SEARCH_QUERIES = 300;

const random = seededRandom(20250301);
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

type PageWords = ReturnType<typeof pageWords>;
function pageWords(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    text: pickWord(),
    line: Math.floor(i / 10),
    confidence: 80 + Math.floor(random() * 20),
    box: { x: (i % 10) * 60, y: Math.floor(i / 10) * 20, width: 55, height: 18 },
  }));
}

function seededBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i += 4) bytes.writeUInt32LE(Math.floor(random() * 2 ** 32), i);
  return bytes;
}

/** One document as import and OCR leave it: the original, one page image, its OCR words. */
interface BenchDocument {
  id: string;
  original: Buffer;
  image: Buffer;
  words: PageWords;
}

/**
 * What is timed. `import`: a document arrives (its rows, its original and its first page
 * image). `records`: a page of an imported document is read (its 250 OCR words stored in one
 * transaction), the rows the person's work then keeps changing. `review`: both, and a read is
 * what opening a page for review fetches (its words and its page image): the read a person waits on.
 */
type Operation = 'import' | 'records' | 'review';

/** One way of storing documents: Folio's, or a plain baseline. */
interface Contender {
  label: string;
  /** Not a store: the cipher alone, for scale (the floor any authenticated encryption has here). */
  reference?: boolean;
  importDocument(doc: BenchDocument): void;
  saveWords(doc: BenchDocument): void;
  /** Reads back what the workload measures; returns the amount read in the workload's unit. */
  read(id: string): number;
  close(): void;
}

interface Workload {
  name: string;
  operation: Operation;
  unit: string;
  docsPerRound: number;
  blobBytes: number;
  /** Amount of the unit in one document as written. */
  written: number;
  contenders(dir: string): Contender[];
}

function folio(dir: string, amountRead: (store: DocumentStore, id: string) => number): Contender {
  const file = path.join(dir, 'folio', 'folio.db');
  const db = openDatabase({ file, key: randomBytes(32) });
  const store = new DocumentStore(db, new BlobStore(db, blobDirFor(file)));
  return {
    label: 'Folio (encrypted)',
    importDocument: (doc) =>
      store.insertDocument({ id: doc.id, name: `${doc.id}.png`, format: 'png', pageCount: 1, original: doc.original }, [{ index: 0, width: 2550, height: 3300, dpi: 300, image: doc.image }], new Date().toISOString()),
    saveWords: (doc) => store.savePageOcr(doc.id, 0, { engine: 'tesseract-cli', words: doc.words }),
    read: (id) => amountRead(store, id),
    close: () => db.close(),
  };
}

/** A document as Folio's insert writes it, in a plain database: the bytes inline, or none when files hold them. */
function plainImport(db: VaultDatabase, inline: boolean): (doc: BenchDocument) => void {
  const insertDoc = db.prepare(`INSERT INTO documents (id, name, format, status, page_count, imported_at, original) VALUES (?, ?, 'png', 'queued', 1, ?, ?)`);
  const insertPage = db.prepare(`INSERT INTO pages (document_id, page_index, width, height, dpi, status, image) VALUES (?, 0, 2550, 3300, 300, 'queued', ?)`);
  const empty = Buffer.alloc(0);
  return db.transaction((doc: BenchDocument) => {
    insertDoc.run(doc.id, `${doc.id}.png`, new Date().toISOString(), inline ? doc.original : empty);
    insertPage.run(doc.id, inline ? doc.image : empty);
  });
}

/** The product's own reads and writes of words, on the plain database: only the cipher differs. */
function plainWords(db: VaultDatabase, file: string): Pick<Contender, 'saveWords' | 'read'> {
  const store = new DocumentStore(db, new BlobStore(db, blobDirFor(file)));
  return {
    saveWords: (doc) => store.savePageOcr(doc.id, 0, { engine: 'tesseract-cli', words: doc.words }),
    read: (id) => (store.words(id).length > 0 ? 1 : 0),
  };
}

function plainSqlite(dir: string, reads: 'words' | 'images' | 'review'): Contender {
  const file = path.join(dir, 'plain-sqlite', 'folio.db');
  const db = openDatabase({ file, key: null });
  const words = plainWords(db, file);
  const image = db.prepare('SELECT image FROM pages WHERE document_id = ? AND page_index = 0').pluck();
  return {
    label: 'plain SQLite, bytes inline',
    importDocument: plainImport(db, true),
    saveWords: words.saveWords,
    read:
      reads === 'words'
        ? words.read
        : reads === 'review'
          ? (id) => words.read(id) * Math.sign((image.get(id) as Buffer).length)
          : (id) => (image.get(id) as Buffer).length / 2 ** 20,
    close: () => db.close(),
  };
}

/** Plain files written as BlobStore writes its own: new files, fsync each, one folder fsync, then the rows. */
function plainFiles(dir: string): Contender {
  const db = openDatabase({ file: path.join(dir, 'plain-files', 'folio.db'), key: null });
  const files = path.join(dir, 'plain-files', 'files');
  fs.mkdirSync(files, { recursive: true });
  const writeFile = (name: string, bytes: Buffer): void => {
    const fd = fs.openSync(path.join(files, name), 'wx', 0o600);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
  const rows = plainImport(db, false);
  return {
    label: 'plain files beside plain SQLite',
    importDocument: (doc) => {
      writeFile(`${doc.id}.original`, doc.original);
      writeFile(`${doc.id}.page0`, doc.image);
      syncDirectory(files);
      rows(doc);
    },
    saveWords: () => {
      throw new Error('records are measured on plain SQLite only');
    },
    read: (id) => fs.readFileSync(path.join(files, `${id}.page0`)).length / 2 ** 20,
    close: () => db.close(),
  };
}

/** AES-256-GCM on the same bytes in memory, no disk and no database: what the cipher alone costs. */
function cipherAlone(): Contender {
  const key = randomBytes(32);
  const sealed = new Map<string, { nonce: Buffer; body: Buffer; tag: Buffer }>();
  const seal = (bytes: Buffer): { nonce: Buffer; body: Buffer; tag: Buffer } => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
    return { nonce, body, tag: cipher.getAuthTag() };
  };
  return {
    label: CIPHER_ALONE,
    reference: true,
    importDocument: (doc) => {
      seal(doc.original);
      sealed.set(doc.id, seal(doc.image));
    },
    saveWords: () => undefined,
    read: (id) => {
      const { nonce, body, tag } = sealed.get(id) as { nonce: Buffer; body: Buffer; tag: Buffer };
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAuthTag(tag);
      const plain = decipher.update(body);
      decipher.final();
      return plain.length / 2 ** 20;
    },
    close: () => sealed.clear(),
  };
}
const CIPHER_ALONE = 'AES-256-GCM alone, in memory';

const folioImageMiB = (store: DocumentStore, id: string): number => (store.pageImage(id, 0)?.length ?? 0) / 2 ** 20;

function importWorkload(label: string, blobBytes: number, docsPerRound: number): Workload {
  return {
    name: `import, ${label} (original + page image of ${blobBytes / 1024} KiB each)`,
    operation: 'import',
    unit: 'MiB/s',
    docsPerRound,
    blobBytes,
    written: (2 * blobBytes) / 2 ** 20,
    contenders: (dir) => [plainSqlite(dir, 'images'), plainFiles(dir), cipherAlone(), folio(dir, folioImageMiB)],
  };
}

const WORKLOADS: Workload[] = [
  {
    name: 'records (a page\'s 250 OCR words)',
    operation: 'records',
    unit: 'pages/s',
    docsPerRound: 100,
    blobBytes: 16 * 1024,
    written: 1,
    contenders: (dir) => [plainSqlite(dir, 'words'), folio(dir, (store, id) => (store.words(id).length > 0 ? 1 : 0))],
  },
  // A 300 dpi A4 scan as PNG is a few hundred KiB; a bilevel fax page a few tens.
  importWorkload('scan', 256 * 1024, 40),
  importWorkload('fax', 48 * 1024, 100),
  {
    name: 'review (a page opened: its 250 OCR words + its page image of 256 KiB)',
    operation: 'review',
    unit: 'pages/s',
    docsPerRound: 40,
    blobBytes: 256 * 1024,
    written: 1,
    contenders: (dir) => [plainSqlite(dir, 'review'), folio(dir, (store, id) => (store.words(id).length > 0 && (store.pageImage(id, 0)?.length ?? 0) > 0 ? 1 : 0))],
  },
];

/** Rates per contender label, one per round. */
type Rates = Record<'write' | 'read', Map<string, number[]>>;

function measureWorkload(dir: string, workload: Workload): { contenders: Contender[]; rates: Rates } {
  const contenders = workload.contenders(dir);
  const labels = contenders.map((contender) => contender.label);
  const rates: Rates = { write: new Map(labels.map((label) => [label, []])), read: new Map(labels.map((label) => [label, []])) };
  const ids: string[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const docs = Array.from({ length: workload.docsPerRound }, (_, i): BenchDocument => ({
      id: `r${round}-d${i}`,
      original: seededBytes(workload.blobBytes),
      image: seededBytes(workload.blobBytes),
      words: pageWords(WORDS_PER_PAGE),
    }));
    if (workload.operation === 'records') for (const contender of contenders) docs.forEach((doc) => contender.importDocument(doc));
    // Rotate who goes first, so none always meets a warm or a cold disk cache.
    for (const contender of rotate(contenders, round)) {
      const started = performance.now();
      for (const doc of docs) {
        if (workload.operation !== 'records') contender.importDocument(doc);
        if (workload.operation !== 'import') contender.saveWords(doc);
      }
      rates.write.get(contender.label)?.push((docs.length * workload.written) / ((performance.now() - started) / 1000));
    }
    ids.push(...docs.map((doc) => doc.id));
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    const shuffled = [...ids].sort(() => random() - 0.5);
    for (const contender of rotate(contenders, round)) {
      const started = performance.now();
      let amount = 0;
      for (const id of shuffled) amount += contender.read(id);
      rates.read.get(contender.label)?.push(amount / ((performance.now() - started) / 1000));
    }
  }
  for (const contender of contenders) contender.close();
  return { contenders, rates };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function measureSearch(dir: string): { build: number; p50: number; p95: number; max: number; hitsMedian: number; listing: number; page: number } {
  const file = path.join(dir, 'search', 'folio.db');
  const db = openDatabase({ file, key: randomBytes(32) });
  const store = new DocumentStore(db, new BlobStore(db, blobDirFor(file)));
  const index = new SearchIndex(db);
  const image = randomBytes(1024);
  const started = performance.now();
  db.pragma('synchronous = NORMAL'); // building the fixture only; searches below do not write
  for (let i = 0; i < searchDocs; i += 1) {
    const id = `doc-${i}`;
    store.insertDocument({ id, name: `${id}.png`, format: 'png', pageCount: 1, original: image }, [{ index: 0, width: 2550, height: 3300, dpi: 300, image }], new Date().toISOString());
    store.savePageOcr(id, 0, { engine: 'tesseract-cli', words: pageWords(150) });
  }
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
  // The queue as the UI asks for it at every refresh (its first page of 200, and the counts per
  // filter), and all of it at once.
  const listings: number[] = [];
  const pages: number[] = [];
  for (let i = 0; i < 7; i++) {
    let t0 = performance.now();
    if (store.list('open', 200).documents.length !== Math.min(200, searchDocs) || store.counts().all !== searchDocs) throw new Error('the page lost documents');
    pages.push(performance.now() - t0);
    t0 = performance.now();
    if (store.list('all', searchDocs).documents.length !== searchDocs) throw new Error('the listing lost documents');
    listings.push(performance.now() - t0);
  }
  db.close();
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return { build, p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] as number, hitsMedian: median(hits), listing: median(listings), page: median(pages) };
}

// On the same file system as a real data dir would be (here /tmp is ext4, not tmpfs), so
// fsync costs what it costs for a person.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-bench-vault-'));
try {
  const verdict = (ok: boolean) => (ok ? 'meets target' : '**misses target**');
  const rows: string[] = [];
  const floors: string[] = [];
  for (const [index, workload] of WORKLOADS.entries()) {
    const { contenders, rates } = measureWorkload(path.join(dir, `workload-${index}`), workload);
    const rate = (direction: 'write' | 'read', label: string): number => median(rates[direction].get(label) ?? []);
    const folioLabel = contenders[contenders.length - 1]?.label as string;
    for (const direction of ['write', 'read'] as const) {
      const encrypted = rate(direction, folioLabel);
      for (const { label } of contenders.slice(0, -1).filter((contender) => !contender.reference)) {
        const plain = rate(direction, label);
        const slower = plain / encrypted;
        // Round by round (same data, same moment): how far the ratio moves within the run.
        const perRound = (rates[direction].get(label) ?? []).map((value, round) => value / ((rates[direction].get(folioLabel) ?? [])[round] ?? NaN)).sort((a, b) => a - b);
        const spread = `${perRound[0]?.toFixed(2)}–${perRound[perRound.length - 1]?.toFixed(2)}`;
        rows.push(`| ${workload.name}, ${direction} | ${label} | ${format(plain)} ${workload.unit} | ${format(encrypted)} ${workload.unit} | ${slower.toFixed(2)}× (${spread}) | ${verdict(slower <= 1.5)} |`);
      }
    }
    if (contenders.some((contender) => contender.reference)) {
      // Time per MiB, as multiples of a plain read: how much of Folio's read is the cipher itself.
      const plain = rate('read', contenders[0]?.label as string);
      const cipher = rate('read', CIPHER_ALONE);
      floors.push(`| ${workload.name} | ${format(plain)} MiB/s | ${format(cipher)} MiB/s | ${(plain / cipher).toFixed(2)}× | ${(plain / rate('read', folioLabel)).toFixed(2)}× |`);
    }
  }
  const search = measureSearch(dir);
  const report = [
    '## Vault: encryption cost and search',
    '',
    `Command: \`${COMMAND}\`. ${machineLine()}`,
    '',
    `Same run, same data, rounds rotated (each contender goes first in turn): ${ROUNDS} rounds per workload, one transaction per document as import does, WAL, synchronous=FULL. Folio: rows in SQLCipher 4 (AES-256-CBC + HMAC-SHA512, 4 KiB pages), the original and the page image as AES-256-GCM files with a key each in the database, fsynced with their folder before the rows commit. Plain: the same rows unencrypted, with the bytes inline, or in plain files written with the same fsyncs. Reads fetch every document once in random order. Medians of the rounds.`,
    '',
    '| workload | plain baseline | plain | Folio (encrypted) | Folio is slower by (lowest–highest round) | target ≤ 1.5× (median) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `Reading the page-image rows: Folio's reads decrypt and authenticate every byte, where a plain read is a copy out of the OS cache. The table below sets the cipher alone beside them, on the same bytes in the same run: decrypting a page image, with no disk and no database, takes about as long as a whole plain read of it, so an encrypted read costs a plain read's time again on top of its own reading. Before blob files the images sat inside SQLCipher, which was 3.1× slower to write and 4.8× slower to read than plain SQLite (BENCHMARKS.md of 2026-11-25). The review rows are the read a person waits on: opening a page fetches its words and its image together, and there the cipher's share of the time is small. Node here runs on OpenSSL ${process.versions.openssl}: its VAES/AVX-512 AES-GCM (up to twice as fast on large buffers) arrived in OpenSSL 3.1, and no other authenticated cipher Node offers is faster here (AES-128-GCM, AES-OCB and ChaCha20-Poly1305 measured within 20%).`,
    '',
    '| workload, read | plain SQLite | AES-256-GCM decrypt alone, in memory | decrypting alone, in plain reads | Folio, in plain reads |',
    '|---|---|---|---|---|',
    ...floors,
    '',
    `Search: ${searchDocs.toLocaleString('en-US')} documents × 150 words (20,000-word vocabulary, Zipf-skewed) in the encrypted vault, FTS5, index built in ${search.build.toFixed(1)} s. ${SEARCH_QUERIES} queries (one word, two words, 4-letter prefix), top 50, bm25 order; median ${search.hitsMedian} hits per query.`,
    '',
    '| p50 | p95 | max | target p95 ≤ 50 ms |',
    '|---|---|---|---|',
    `| ${search.p50.toFixed(2)} ms | ${search.p95.toFixed(2)} ms | ${search.max.toFixed(2)} ms | ${verdict(search.p95 <= 50)} |`,
    '',
    `The queue over the same ${searchDocs.toLocaleString('en-US')} documents, on the main thread: the page the UI asks for at each refresh (200 documents with their words still to check and flagged fields, and the counts per filter) ${search.page.toFixed(1)} ms; all ${searchDocs.toLocaleString('en-US')} at once ${search.listing.toFixed(1)} ms (medians of 7). Before the indexes of migration 9 the counts read every word row: 2,000 documents of 250 words took 250 ms.`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  if (writeReport) await recordBenchmarkSection(SECTION, report);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}
