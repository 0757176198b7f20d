/**
 * Pretty JSON (two-space indent, as `JSON.stringify(value, null, 2)`) of `head` with one more
 * array property, `key`, written item by item: an export of a thousand documents is rendered and
 * written in slices instead of one long string built on the main thread. An empty array is
 * left out, as `undefined` would be.
 */
export function* prettyJsonArray<T>(head: object, key: string, sources: readonly T[], items: (source: T) => unknown[]): Generator<string> {
  const opening = JSON.stringify(head, null, 2);
  const open = opening === '{}' ? '{\n' : `${opening.slice(0, -2)},\n`;
  let first = true;
  for (const source of sources) {
    const rendered = items(source).map((item) => `    ${JSON.stringify(item, null, 2).replace(/\n/g, '\n    ')}`);
    if (rendered.length === 0) continue;
    yield `${first ? `${open}  ${JSON.stringify(key)}: [\n` : ',\n'}${rendered.join(',\n')}`;
    first = false;
  }
  yield first ? `${opening}\n` : '\n  ]\n}\n';
}
