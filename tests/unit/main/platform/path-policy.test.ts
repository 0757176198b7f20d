import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolioError } from '../../../../app/contract/errors';
import { personExistingFile, personFolder, personNewFile } from '../../../../main/platform/path-policy';

let root: string;
let dataDir: string;
let outside: string;
const policy = (what: string) => ({ what, dataDir });

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof FolioError ? error.code : 'untyped';
  }
}

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'folio-policy-')));
  dataDir = path.join(root, 'data');
  outside = path.join(root, 'outside');
  fs.mkdirSync(path.join(dataDir, 'vault'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'backup.folio-backup'), 'bytes');
  fs.writeFileSync(path.join(dataDir, 'vault', 'folio.db'), 'vault');
  // Symlinks are followed to where they lead, which is what is checked.
  fs.symlinkSync(path.join(dataDir, 'vault'), path.join(outside, 'innocent-looking'));
  fs.symlinkSync(path.join(dataDir, 'vault', 'folio.db'), path.join(outside, 'looks-like-a-backup'));
  fs.symlinkSync(path.join(outside, 'loop-b'), path.join(outside, 'loop-a'));
  fs.symlinkSync(path.join(outside, 'loop-a'), path.join(outside, 'loop-b'));
  spawnSync('mkfifo', [path.join(outside, 'pipe')]);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('one path policy for every path a person types', () => {
  it('takes an ordinary folder and file, and answers their real paths', () => {
    expect(personFolder(outside, policy('export folder'))).toBe(outside);
    expect(personExistingFile(path.join(outside, 'backup.folio-backup'), policy('backup file'))).toBe(path.join(outside, 'backup.folio-backup'));
    expect(personNewFile(path.join(outside, 'new.folio-backup'), policy('backup file'))).toBe(path.join(outside, 'new.folio-backup'));
  });

  it('refuses the data folder however it is reached, including through a symlink', () => {
    expect(codeOf(() => personFolder(path.join(dataDir, 'vault'), policy('export folder')))).toBe('invalid_input');
    expect(codeOf(() => personFolder(path.join(outside, 'innocent-looking'), policy('export folder')))).toBe('invalid_input');
    expect(codeOf(() => personNewFile(path.join(outside, 'innocent-looking', 'x.folio-backup'), policy('backup file')))).toBe('invalid_input');
    expect(codeOf(() => personExistingFile(path.join(outside, 'looks-like-a-backup'), policy('backup file')))).toBe('invalid_input');
  });

  it('refuses a watch folder that holds the data folder, but not an export folder beside it', () => {
    expect(codeOf(() => personFolder(root, { ...policy('watch folder'), mayHoldDataFolder: false }))).toBe('invalid_input');
    expect(codeOf(() => personFolder('/', { ...policy('watch folder'), mayHoldDataFolder: false }))).toBe('invalid_input');
    expect(personFolder(root, policy('export folder'))).toBe(root);
  });

  it('reads regular files only: never a FIFO (it would block), a device, a folder or a kernel view', () => {
    expect(codeOf(() => personExistingFile(path.join(outside, 'pipe'), policy('backup file')))).toBe('invalid_input');
    expect(codeOf(() => personExistingFile(outside, policy('backup file')))).toBe('invalid_input');
    expect(codeOf(() => personExistingFile('/dev/zero', policy('backup file')))).toBe('forbidden');
    expect(codeOf(() => personExistingFile('/proc/self/environ', policy('backup file')))).toBe('forbidden');
  });

  it('gives every refusal a code and a sentence that does not repeat the path', () => {
    const cases: Array<[() => unknown, string]> = [
      [() => personFolder('relative/folder', policy('export folder')), 'invalid_input'],
      [() => personFolder(path.join(outside, 'missing'), policy('export folder')), 'not_found'],
      [() => personFolder(path.join(outside, 'loop-a'), policy('export folder')), 'invalid_input'],
      [() => personFolder(path.join(outside, 'backup.folio-backup', 'below-a-file'), policy('export folder')), 'invalid_input'],
      [() => personNewFile(path.join(outside, 'backup.folio-backup'), policy('backup file')), 'conflict'],
      [() => personNewFile(outside, policy('backup file')), 'invalid_input'],
      [() => personNewFile(path.join(outside, 'tab\there'), policy('backup file')), 'invalid_input'],
      [() => personNewFile(path.join(outside, 'x'.repeat(256)), policy('backup file')), 'invalid_input'],
      [() => personNewFile(path.join(outside, 'ü'.repeat(128)), policy('backup file')), 'invalid_input'],
    ];
    for (const [run, code] of cases) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(FolioError);
      expect((caught as FolioError).code).toBe(code);
      expect((caught as FolioError).message).not.toContain(root);
      expect((caught as FolioError).message).toMatch(/^The (export folder|backup file|folder for the backup file) /);
    }
  });
});
