import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFileFor } from '../../../main/vault/key-file';
import { VaultKeyStore } from '../../../main/vault/key-store';
import { KeytarSecretStore, SecretStoreUnavailable } from '../../../main/vault/secret-store';
import { TEST_SCRYPT, useTempDirs } from './vault-fixtures';

/**
 * A session bus that accepts the connection and never says a word: libsecret then waits
 * forever (seen here: the call only returns when the socket closes). The store must give up
 * on its own, and the passphrase path must still work while keytar's call is stuck.
 */
describe('a keychain that hangs', () => {
  const tempDir = useTempDirs();
  const sockets: net.Socket[] = [];
  let server: net.Server;
  let socketDir: string;

  beforeAll(async () => {
    socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-silent-bus-'));
    const socketPath = path.join(socketDir, 'bus');
    server = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${socketPath}`;
  });

  afterAll(async () => {
    // Closing the socket ends keytar's stuck call, so the worker process can exit.
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(socketDir, { recursive: true, force: true });
  });

  it('times out as "unavailable", and later calls give up at once instead of parking more threads', async () => {
    const store = new KeytarSecretStore({ timeoutMs: 500 });
    const started = Date.now();
    const first = await store.get('anything').then(
      () => null,
      (error: unknown) => error,
    );
    expect(first).toBeInstanceOf(SecretStoreUnavailable);
    expect((first as SecretStoreUnavailable).reason).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(sockets.length).toBeGreaterThan(0);

    const again = Date.now();
    await expect(store.set('anything', 'secret')).rejects.toBeInstanceOf(SecretStoreUnavailable);
    expect(Date.now() - again).toBeLessThan(100);
  });

  it('setup falls back to the passphrase while the keychain hangs', async () => {
    const dir = tempDir();
    const keys = new VaultKeyStore({
      keyFile: keyFileFor(path.join(dir, 'folio.db')),
      secrets: new KeytarSecretStore({ timeoutMs: 500 }),
      scrypt: TEST_SCRYPT,
    });
    expect(await keys.keychainAnswers()).toBe(false);
    const created = await keys.create({ passphrase: 'a passphrase for a box with no keychain' });
    expect(created.protection).toBe('passphrase');
    expect((await keys.unlockWithPassphrase('a passphrase for a box with no keychain')).equals(created.key)).toBe(true);
  });
});
