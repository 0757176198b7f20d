import { describe, expect, it } from 'vitest';
import { FolioError } from '../../../../app/contract/errors';
import { methodNames } from '../../../../app/contract/methods';
import { createDispatcher, type Handlers } from '../../../../main/services/dispatcher';

const DOC_ID = '0b7c4a9e-3f7a-4c8e-9d51-2a6f1e0c9b11';
const summary = {
  id: DOC_ID,
  name: 'scan.png',
  status: 'ready' as const,
  pageCount: 1,
  importedAt: '2026-11-25T10:00:00.000Z',
  approvedAt: null,
  exportedAt: null,
  wordsToCheck: 0,
  fieldsToCheck: 0,
  fieldsInvalid: 0,
  kind: null,
};

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = Object.fromEntries(
    methodNames.map((name) => [
      name,
      () => {
        throw new Error(`${name} is not part of this test`);
      },
    ]),
  ) as unknown as Handlers;
  return {
    ...unused,
    'documents.import': () => ({ outcomes: [] }),
    'documents.list': () => ({ documents: [summary], more: false, counts: { open: 1, approved: 0, rejected: 0, all: 1, exportPending: 0 } }),
    'documents.get': () => ({ ...summary, pages: [], classification: null, kindOverridden: false, fields: [] }),
    'documents.approve': () => summary,
    'documents.setKind': () => ({ ...summary, pages: [], classification: null, kindOverridden: false, fields: [] }),
    'documents.cancel': () => ({ cancelledPages: 0 }),
    'fields.update': () => ({ fields: [] }),
    'words.update': () => {
      throw new FolioError('not_found', 'That word does not exist.');
    },
    ...overrides,
  };
}

describe('dispatcher', () => {
  const context = { host: 'http' as const };

  it('returns the handler value when input matches the contract', async () => {
    const dispatch = createDispatcher(handlers());
    await expect(dispatch('documents.list', {}, context)).resolves.toEqual({ ok: true, value: { documents: [summary], more: false, counts: { open: 1, approved: 0, rejected: 0, all: 1, exportPending: 0 } } });
  });

  it('refuses an unknown method without calling anything', async () => {
    const result = await createDispatcher(handlers())('documents.delete', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses input that breaks the schema, naming the field but never echoing the value', async () => {
    const result = await createDispatcher(handlers())('documents.get', { documentId: 'JANE-DOE-MRN-12345' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(result)).toContain('documentId');
    expect(JSON.stringify(result)).not.toContain('JANE-DOE');
  });

  it('passes typed service errors through with their code', async () => {
    const result = await createDispatcher(handlers())('words.update', { documentId: DOC_ID, wordId: 'w', text: 'x' }, context);
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'That word does not exist.' } });
  });

  it('turns an unexpected throw into internal, hiding its message and stack', async () => {
    const dispatch = createDispatcher(
      handlers({
        'documents.list': () => {
          throw new Error('ENOENT: /home/clinic/Patient Jane Doe DOB 1961-02-03.png');
        },
      }),
    );
    const result = await dispatch('documents.list', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/Jane|ENOENT|at \w+ \(/);
  });

  it('refuses output that breaks the contract instead of sending it', async () => {
    const dispatch = createDispatcher(handlers({ 'documents.approve': () => ({ ...summary, status: 'bogus' }) as never }));
    const result = await dispatch('documents.approve', { documentId: DOC_ID }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses every method but the session methods while locked', async () => {
    let unlocked = false;
    const dispatch = createDispatcher(
      handlers({ 'session.lock': () => ({ state: 'locked', vaultSecret: 'none', keychainAvailable: true, user: null, idleLockMinutes: 10, retryAfterMs: 0 }) }),
      {
        requireSession: () => {
          if (!unlocked) throw new FolioError('locked', 'Folio is locked.');
        },
      },
    );
    await expect(dispatch('documents.list', {}, context)).resolves.toMatchObject({ ok: false, error: { code: 'locked' } });
    await expect(dispatch('session.lock', {}, context)).resolves.toMatchObject({ ok: true });
    unlocked = true;
    await expect(dispatch('documents.list', {}, context)).resolves.toMatchObject({ ok: true });
  });
});
