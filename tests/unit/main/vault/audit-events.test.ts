import { describe, expect, it } from 'vitest';
import { canonicalJson, documentOf } from '../../../../main/vault/audit-events';

describe('canonical JSON for audit hashes', () => {
  it('does not depend on the order keys were written in, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined members like JSON does, and refuses numbers JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});

describe('audit events', () => {
  it('file document events under their document and session events under none', () => {
    expect(documentOf({ kind: 'field-change', documentId: 'd', field: 'f', oldValue: null, newValue: 'v' })).toBe('d');
    expect(documentOf({ kind: 'export', documentId: 'd', format: 'csv', batchId: 'b' })).toBe('d');
    expect(documentOf({ kind: 'lock', cause: 'idle' })).toBeNull();
  });
});
