import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPageImageHandler } from '../../../main/hosts/page-images';
import { blobDirFor, blobFile, BlobStore } from '../../../main/vault/blob-store';
import { openDatabase } from '../../../main/vault/database';
import { DocumentStore } from '../../../main/vault/document-store';
import { SCHEMA_VERSION } from '../../../main/vault/migrations/index';
import { renderLinesPage } from '../../support/pages';
import { folioErrorOf, legacyVault, openTestVault, randomKey, useTempDirs } from './vault-fixtures';

// Originals and page images live as AES-256-GCM files beside the encrypted database, a key each
// in the database (issue 4). On a real encrypted vault: what a person opens is what was stored;
// a damaged, truncated, swapped or missing file is a typed error for that page only, never
// wrong bytes; leftovers of a crash are swept; and a vault from before blob files (schema 6,
// images inside the database) is brought over whole.

/** A document id as import makes them (the page-image route accepts no other). */
const DOC = '5b0f6c1e-8d2a-4c3b-9e7f-1a2b3c4d5e6f';

async function scanPng(line: string): Promise<Buffer> {
  return (await renderLinesPage([line])).png;
}

function storeWithOneDocument(dir: string, original: Buffer, image: Buffer): { store: DocumentStore; blobs: BlobStore; close: () => void; blobIds: () => { original: string; image: string } } {
  const vault = openTestVault(dir);
  const store = new DocumentStore(vault.db, vault.blobs);
  store.insertDocument({ id: DOC, name: 'scan.png', format: 'png', pageCount: 1, original }, [{ index: 0, width: 10, height: 10, dpi: 300, image }], '2026-12-01T08:00:00.000Z');
  return {
    store,
    blobs: vault.blobs,
    close: () => vault.db.close(),
    blobIds: () => ({
      original: vault.db.prepare('SELECT original_blob FROM documents').pluck().get() as string,
      image: vault.db.prepare('SELECT image_blob FROM pages').pluck().get() as string,
    }),
  };
}

describe('blob files of a real encrypted vault', () => {
  const tempDir = useTempDirs();

  it('gives back exactly what was stored, and the file on disk is not it', async () => {
    const original = await scanPng('Original of Quillon Marchbanks');
    const image = await scanPng('Page of Quillon Marchbanks');
    const vault = storeWithOneDocument(tempDir(), original, image);
    try {
      expect(vault.store.original(DOC)?.equals(original)).toBe(true);
      expect(vault.store.pageImage(DOC, 0)?.equals(image)).toBe(true);
      const onDisk = fs.readFileSync(blobFile(vault.blobs.dir, vault.blobIds().image));
      expect(onDisk.subarray(0, 8).toString('latin1')).toBe('FOLIOBL1');
      // PNG's signature and its IHDR chunk are nowhere in the file.
      expect(onDisk.includes(image.subarray(0, 16))).toBe(false);
      expect(onDisk.length).toBe(image.length + 8 + 12 + 16);
    } finally {
      vault.close();
    }
  });

  it('a flipped byte, a cut file, a file swapped for another, or a missing file: a typed error, never other bytes', async () => {
    const vault = storeWithOneDocument(tempDir(), await scanPng('original'), await scanPng('page image'));
    try {
      const { original, image } = vault.blobIds();
      const imageFile = blobFile(vault.blobs.dir, image);
      const good = fs.readFileSync(imageFile);
      const cases: Array<[string, () => void]> = [
        ['flipped byte', () => fs.writeFileSync(imageFile, Buffer.from(good).fill(good[100]! ^ 0x01, 100, 101))],
        ['cut short', () => fs.writeFileSync(imageFile, good.subarray(0, good.length - 1))],
        ['grown by a byte', () => fs.writeFileSync(imageFile, Buffer.concat([good, Buffer.of(0)]))],
        ['empty', () => fs.writeFileSync(imageFile, Buffer.alloc(0))],
        // The original's file under the image's name: sound on its own, but sealed for another id.
        ['swapped', () => fs.copyFileSync(blobFile(vault.blobs.dir, original), imageFile)],
        ['missing', () => fs.rmSync(imageFile)],
      ];
      for (const [what, damage] of cases) {
        damage();
        const error = await folioErrorOf(() => vault.store.pageImage(DOC, 0));
        expect([what, error.code]).toEqual([what, 'corrupt_file']);
        expect(error.message).toMatch(/backup/);
        fs.writeFileSync(imageFile, good);
      }
      // The original is untouched by all of it, and the image reads again once restored.
      expect(vault.store.original(DOC)).not.toBeNull();
      expect(vault.store.pageImage(DOC, 0)?.length).toBe(good.length - 36);
    } finally {
      vault.close();
    }
  });

  it('the page-image route answers a damaged page with 500 and no bytes, and goes on serving the others', async () => {
    const vault = storeWithOneDocument(tempDir(), await scanPng('original'), await scanPng('page image'));
    try {
      const handler = createPageImageHandler((id, index) => vault.store.pageImage(id, index));
      const get = (): Response => handler(new Request(`http://127.0.0.1/page/${DOC}/0`), `/${DOC}/0`);
      expect(get().status).toBe(200);
      const imageFile = blobFile(vault.blobs.dir, vault.blobIds().image);
      const good = fs.readFileSync(imageFile);
      fs.writeFileSync(imageFile, good.subarray(0, 40));
      const damaged = get();
      expect(damaged.status).toBe(500);
      expect((await damaged.arrayBuffer()).byteLength).toBe(0);
      fs.writeFileSync(imageFile, good);
      expect(get().status).toBe(200);
    } finally {
      vault.close();
    }
  });

  it('sweeps files a crash left without a row, once they are old, and never a file a row names', async () => {
    const vault = storeWithOneDocument(tempDir(), await scanPng('original'), await scanPng('page image'));
    try {
      const { original, image } = vault.blobIds();
      const orphan = blobFile(vault.blobs.dir, 'ab'.repeat(16));
      const fresh = blobFile(vault.blobs.dir, 'cd'.repeat(16));
      for (const file of [orphan, fresh]) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, 'FOLIOBL1 half-written');
      }
      const hourAgo = new Date(Date.now() - 3_600_000);
      for (const file of [orphan, blobFile(vault.blobs.dir, original), blobFile(vault.blobs.dir, image)]) fs.utimesSync(file, hourAgo, hourAgo);

      expect(await vault.blobs.sweepOrphans()).toBe(1);
      expect(fs.existsSync(orphan)).toBe(false);
      // Younger than the store's opening: perhaps another process's import in flight.
      expect(fs.existsSync(fresh)).toBe(true);
      expect(vault.store.original(DOC)).not.toBeNull();
      expect(vault.store.pageImage(DOC, 0)).not.toBeNull();
    } finally {
      vault.close();
    }
  });

  it('a write that fails inside the transaction leaves no row, and its file only as a leftover to sweep', async () => {
    const vault = openTestVault(tempDir());
    const store = new DocumentStore(vault.db, vault.blobs);
    try {
      const doc = { id: 'dup', name: 'a.png', format: 'png', pageCount: 1, original: await scanPng('first') };
      store.insertDocument(doc, [], '2026-12-01T08:00:00.000Z');
      // The same id again: the primary key refuses it after the blob file was written.
      expect(() => store.insertDocument(doc, [], '2026-12-01T08:00:01.000Z')).toThrow();
      expect(vault.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
      const files = fs.readdirSync(vault.blobs.dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      expect(files.length).toBe(2);
    } finally {
      vault.db.close();
    }
  });
});

describe('a vault from before blob files (schema 6) opens with its images moved out', () => {
  const tempDir = useTempDirs();

  it('moves every original and page image into sealed files, byte for byte, and empties the old columns', async () => {
    const file = path.join(tempDir(), 'folio.db');
    const key = randomKey();
    const original = await scanPng('Original of Ottoline Vandersloot');
    const image = await scanPng('Page 1 of Ottoline Vandersloot');
    const old = legacyVault(file, key, 6);
    // Schema 6's own columns, as version 6 wrote them: bytes inline, one page decoded, one not yet.
    old.prepare(`INSERT INTO documents (id, name, format, status, page_count, imported_at, original) VALUES ('legacy', 'legacy.tiff', 'tiff', 'processing', 2, '2026-11-20T09:00:00.000Z', ?)`).run(original);
    old.prepare(`INSERT INTO pages (document_id, page_index, width, height, dpi, status, image) VALUES ('legacy', 0, 10, 10, 300, 'done', ?)`).run(image);
    old.prepare(`INSERT INTO pages (document_id, page_index, width, height, dpi, status, image) VALUES ('legacy', 1, 0, 0, 0, 'queued', x'')`).run();
    old.close();

    const db = openDatabase({ file, key });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const store = new DocumentStore(db, new BlobStore(db, blobDirFor(file)));
      expect(store.original('legacy')?.equals(original)).toBe(true);
      expect(store.pageImage('legacy', 0)?.equals(image)).toBe(true);
      expect(store.pageForOcr('legacy', 1)).toEqual({ image: null, dpi: 0, width: 0, height: 0 });
      expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(2);
      expect(db.prepare('SELECT sum(length(original)) FROM documents').pluck().get()).toBe(0);
      expect(db.prepare('SELECT sum(length(image)) FROM pages').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
