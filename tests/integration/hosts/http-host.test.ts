import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_FILE_BYTES } from '../../../app/contract/methods';
import { MAX_BODY_BYTES, MAX_TEMPLATE_BODY_BYTES, startHttpHost, type HttpHost } from '../../../main/hosts/http/server';
import { makeTempDir } from '../../support/temp-dir';
import { openTestWorkstation } from '../../support/workstation';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so the test controls the Host header and body bytes exactly. */
function request(host: HttpHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The browser session the launch link was exchanged for (beforeAll), as the tab would hold it. */
let sessionToken = '';

function api(host: HttpHost, method: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return request(host, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { Authorization: `Bearer ${sessionToken}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
}

describe('HTTP host (browser mode and local API)', () => {
  let host: HttpHost;
  let cleanup: () => Promise<void>;
  let launched: RawResponse;

  beforeAll(async () => {
    const opened = await openTestWorkstation();
    // A built renderer's shape, so the static route reads real files.
    const staticRoot = makeTempDir('folio-static-');
    fs.mkdirSync(path.join(staticRoot.dir, 'assets'));
    fs.writeFileSync(path.join(staticRoot.dir, 'index.html'), '<!doctype html><title>Folio</title>');
    fs.writeFileSync(path.join(staticRoot.dir, 'assets', 'app.js'), 'export {};');
    cleanup = async () => {
      await opened.cleanup();
      staticRoot.remove();
    };
    host = await startHttpHost({ workstation: opened.workstation, staticRoot: staticRoot.dir });
    launched = await request(host, { path: new URL(host.launchUrl).pathname + new URL(host.launchUrl).search });
    sessionToken = new URLSearchParams(String(launched.headers.location).split('#')[1]).get('session') ?? '';
  });
  afterAll(async () => {
    await host.close();
    await cleanup();
  });

  it('answers an authorised call', async () => {
    const response = await api(host, 'documents.list', '{}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ ok: true, value: { documents: [], more: false, counts: { open: 0, approved: 0, rejected: 0, all: 0, exportPending: 0 } } });
  });

  it('refuses a call without a token with 401 unauthorized', async () => {
    const response = await request(host, { method: 'POST', path: '/api/documents.list', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).error.code).toBe('unauthorized');
  });

  it('refuses a wrong token and a wrong cookie with 401', async () => {
    const wrong = await api(host, 'documents.list', '{}', { Authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    const cookie = await request(host, { method: 'POST', path: '/api/documents.list', headers: { Cookie: 'folio_session=guess', 'Content-Type': 'application/json' }, body: '{}' });
    expect(cookie.status).toBe(401);
  });

  it('rejects a foreign Host header (DNS rebinding) even with the right token', async () => {
    const response = await api(host, 'documents.list', '{}', { Host: `evil.example:${host.port}` });
    expect(response.status).toBe(421);
    expect(JSON.parse(response.body).error.code).toBe('forbidden');
  });

  it('rejects a cross-origin caller and sends no CORS headers', async () => {
    const response = await api(host, 'documents.list', '{}', { Origin: 'http://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(host, { method: 'OPTIONS', path: '/api/documents.list', headers: { Origin: 'http://evil.example' } });
    expect(preflight.status).toBe(405);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers malformed JSON with 400 invalid_input', async () => {
    const response = await api(host, 'documents.list', '{"unclosed": ');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('invalid_input');
  });

  it('answers a schema violation with 400 invalid_input, naming the field', async () => {
    const response = await api(host, 'documents.get', JSON.stringify({ documentId: 42 }));
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('documentId');
  });

  it('answers an unknown method with 404 unknown_method', async () => {
    const response = await api(host, 'documents.destroyAll', '{}');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body).error.code).toBe('unknown_method');
  });

  it('answers an oversized body with 413 too_large', async () => {
    const response = await api(host, 'documents.list', JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES + 10) }));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('too_large');
  });

  it('lets a form template file of up to its cap through to the dispatcher, and caps its body too', async () => {
    // 600 KB of template text: over the small-body cap, under the template's own.
    const text = JSON.stringify({ format: 'folio-form-template', version: 1, template: { padding: 'x'.repeat(600_000) } });
    const response = await api(host, 'templates.import', JSON.stringify({ json: text }));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Folio form template/) });
    const over = await api(host, 'templates.import', JSON.stringify({ json: 'x'.repeat(MAX_TEMPLATE_BODY_BYTES + 10) }));
    expect(over.status).toBe(413);
  });

  it('exchanges the launch link once for a browser session handed over in the fragment, never in a cookie', async () => {
    const launchPath = new URL(host.launchUrl).pathname + new URL(host.launchUrl).search;
    expect(launched.status).toBe(303);
    expect(String(launched.headers.location)).toMatch(/^\/#session=/);
    // The only cookie is the one clearing an older Folio's, holding nothing.
    expect(String(launched.headers['set-cookie'])).toMatch(/^folio_session=; Max-Age=0/);
    expect(sessionToken.length).toBeGreaterThan(20);
    const asCookie = await request(host, { method: 'POST', path: '/api/documents.list', headers: { Cookie: `folio_session=${sessionToken}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(asCookie.status).toBe(401);
    const again = await request(host, { path: launchPath });
    expect(again.status).toBe(401);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      // Every request above reached 127.0.0.1; the same port on the machine's own LAN address must not answer.
      await expect(
        new Promise((resolve, reject) => {
          const req = http.request({ host: external.address, port: host.port, path: '/', timeout: 2000 }, resolve);
          req.on('error', reject);
          req.on('timeout', () => req.destroy(new Error('timeout')));
          req.end();
        }),
      ).rejects.toThrow();
    }
  });

  it('serves page images only with a session, and 404 for unknown documents', async () => {
    const path = '/pages/0b7c4a9e-3f7a-4c8e-9d51-2a6f1e0c9b11/0';
    expect((await request(host, { path })).status).toBe(401);
    expect((await request(host, { path, headers: { Authorization: `Bearer ${sessionToken}` } })).status).toBe(404);
  });

  describe('malformed requests get a typed 4xx, never a 500', () => {
    const authorised = (): Record<string, string> => ({ Authorization: `Bearer ${sessionToken}` });
    const typed = (response: RawResponse): { code: string; message: string } => {
      const body = JSON.parse(response.body) as { ok: boolean; error: { code: string; message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.message).not.toMatch(/\bat \S+:\d+|Error:|\/tmp\//);
      return body.error;
    };

    it('TRACE on a page image or the UI is 405, naming the methods that are allowed', async () => {
      for (const target of ['/pages/0b7c4a9e-3f7a-4c8e-9d51-2a6f1e0c9b11/0', '/', '/assets/app.js']) {
        const response = await request(host, { method: 'TRACE', path: target, headers: authorised() });
        expect([target, response.status]).toEqual([target, 405]);
        expect(response.headers.allow).toMatch(/GET/);
        expect(typed(response).code).toBe('invalid_input');
      }
      const get = await request(host, { method: 'GET', path: '/api/documents.list', headers: authorised() });
      expect(get.status).toBe(405);
      expect(typed(get).code).toBe('invalid_input');
    });

    it('broken percent-encoding on the UI and page routes is 400 invalid_input', async () => {
      for (const target of ['/%E0%A4%A', '/assets/%ZZ.js', '/pages/%E0%A4%A/0', '/pages/%/0']) {
        const response = await request(host, { path: target, headers: authorised() });
        expect([target, response.status]).toEqual([target, 400]);
        expect(typed(response).code).toBe('invalid_input');
      }
      // The UI itself is still served.
      expect((await request(host, { path: '/assets/app.js', headers: authorised() })).status).toBe(200);
    });

    it('a file just over the 50 MiB import limit is 413 too_large, not a malformed request', async () => {
      // Base64 of 50 MiB + 30 KB of zero bytes, written out directly (stringifying 70 MB is slow).
      const file = 'A'.repeat(Math.ceil((MAX_IMPORT_FILE_BYTES + 30 * 1024) / 3) * 4);
      const response = await api(host, 'documents.import', `{"files":[{"name":"big.tif","dataBase64":"${file}"}]}`);
      expect(response.status).toBe(413);
      const error = typed(response);
      expect(error.code).toBe('too_large');
      expect(error.message).toMatch(/50 MB/);
      expect(error.message).not.toMatch(/big\.tif/);
    });
  });
});
