import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries built from the contract's zod schemas (zod 4's definitions): values of
 * the schema's shape, lengths and ranges, with a share of near misses (one field of the wrong
 * type, a bound crossed, an extra key, null) so both the handlers and the refusals are reached.
 * Strings stay short unless the schema asks for length: the point is breadth, not bulk.
 */
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: Check } }>;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  defaultValue?: unknown;
  valueType?: z.ZodType;
}
interface Check {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

const LONGEST_FREE_STRING = 48;
const LONGEST_ARRAY = 4;

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function checksOf(def: Def): Check[] {
  return (def.checks ?? []).map((check) => check._zod.def);
}

/** Anything JSON can carry: what a careless or hostile client sends instead. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

/** Strings people and programs send: paths, traversal, control characters, look-alike ids. */
const hostileText = fc.constantFrom(
  '/dev/zero',
  '/proc/self/environ',
  '../../etc/passwd',
  'relative/path.txt',
  '/',
  '/nonexistent-folio-fuzz/file.txt',
  'C:\\Windows\\win.ini',
  'a\u0000b',
  'line\nbreak',
  '%00',
  '00000000-0000-0000-0000-000000000000',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  'x'.repeat(300),
);

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  let min = 0;
  let max = LONGEST_FREE_STRING;
  let pattern: RegExp | null = null;
  for (const check of checksOf(def)) {
    if (check.check === 'min_length' && check.minimum !== undefined) min = check.minimum;
    if (check.check === 'max_length' && check.maximum !== undefined) max = Math.min(check.maximum, Math.max(min, LONGEST_FREE_STRING));
    if (check.check === 'string_format' && check.pattern) pattern = check.pattern;
  }
  if (pattern && /0-9a-f-\]\{36\}/.test(pattern.source)) return fc.oneof(fc.uuid(), fc.constant('0b7c4a9e-3f7a-4c8e-9d51-2a6f1e0c9b11'));
  if (pattern) return fc.oneof(fc.stringMatching(pattern).filter((text) => text.length <= 4096), fc.string({ maxLength: 12 }));
  return fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, max) }) }, { weight: 1, arbitrary: hostileText });
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = -1_000_000;
  let max = 1_000_000;
  let integer = false;
  for (const check of checksOf(def)) {
    if (check.check === 'greater_than' && check.value !== undefined) min = check.inclusive ? check.value : check.value + 1;
    if (check.check === 'less_than' && check.value !== undefined) max = check.inclusive ? check.value : check.value - 1;
    if (check.check === 'number_format') integer = true;
  }
  const inRange = integer ? fc.integer({ min: Math.max(min, -2_000_000_000), max: Math.min(max, 2_000_000_000) }) : fc.double({ min, max, noNaN: true });
  // A bound crossed by one: the refusal must be a typed invalid_input, never a crash.
  return fc.oneof({ weight: 6, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 0, -1) });
}

/** An arbitrary of values for `schema`; `depth` bounds recursion through nested schemas. */
export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 8) return junk;
  switch (def.type) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { x: 'x' }));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, depth + 1), { nil: undefined });
    case 'nullable':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, depth + 1), { nil: null });
    case 'default':
      return fc.option(arbitraryFor(def.innerType as z.ZodType, depth + 1), { nil: undefined });
    case 'array': {
      let min = 0;
      let max = LONGEST_ARRAY;
      for (const check of checksOf(def)) {
        if (check.check === 'min_length' && check.minimum !== undefined) min = check.minimum;
        if (check.check === 'max_length' && check.maximum !== undefined) max = Math.min(check.maximum, Math.max(min, LONGEST_ARRAY));
      }
      return fc.array(arbitraryFor(def.element as z.ZodType, depth + 1), { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'object': {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, arbitraryFor(value, depth + 1)]));
      return fc.record(fields).map((value) => Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)));
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map((option) => arbitraryFor(option, depth + 1)));
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 8 }), arbitraryFor(def.valueType as z.ZodType, depth + 1), { maxKeys: 3 });
    default:
      return junk;
  }
}

/** Mostly well-formed input for a method, and now and then a near miss or plain junk. */
export function inputFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const wellFormed = arbitraryFor(schema);
  const withExtraKey = wellFormed.map((value) => (value && typeof value === 'object' && !Array.isArray(value) ? { ...value, unexpected: 1 } : value));
  return fc.oneof({ weight: 8, arbitrary: wellFormed }, { weight: 1, arbitrary: withExtraKey }, { weight: 1, arbitrary: junk });
}
