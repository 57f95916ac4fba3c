/**
 * Text Postgres cannot store: NUL (`text` columns refuse it, and `jsonb` refuses `\u0000`) and
 * UTF-16 surrogates that are not part of a pair (`jsonb` refuses their escapes; `text` would get a
 * replacement character instead of what was sent). Every string that comes in through the API —
 * JSON values and keys at any depth, path parameters, query names and values — is checked here,
 * once, by the endpoint middleware, so that no field can be forgotten, today's or a future one.
 */

/** True when Postgres can store `text` as it is. */
export function isStorableText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

/** How deep JSON may nest: far beyond any request the API defines, far short of the call stack. */
export const MAX_JSON_DEPTH = 64;

/** What is wrong with a parsed value: text that cannot be stored, or nesting deeper than allowed. */
export type UnstorableFinding = { kind: 'text'; path: string } | { kind: 'depth'; path: string };

/**
 * The first place in a parsed JSON value (or a flat record of strings) whose text cannot be
 * stored, as a dotted path (`shots.2.prompt`; a key names itself), or the first place nested more
 * than `MAX_JSON_DEPTH` deep; undefined when all is well. The walk keeps its own stack, so no
 * body, however deep, can exhaust the call stack of the process that answers it.
 */
export function findUnstorableText(value: unknown): UnstorableFinding | undefined {
  // A key is checked just before its value, so that the first bad place in document order is named.
  const pending: { value: unknown; path: string[]; key?: string }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: item, path, key } = pending.pop()!;
    if (key !== undefined) {
      // The key is shown escaped, so that the answer does not carry the bad character back.
      if (!isStorableText(key)) return { kind: 'text', path: [...path, JSON.stringify(key).slice(1, -1)].join('.') };
      continue;
    }
    if (typeof item === 'string') {
      if (!isStorableText(item)) return { kind: 'text', path: path.join('.') };
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (path.length >= MAX_JSON_DEPTH) return { kind: 'depth', path: path.join('.') };
    const isList = Array.isArray(item);
    const entries = isList ? item.map((child, index) => [String(index), child] as const) : Object.entries(item);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [name, child] = entries[index]!;
      pending.push({ value: child, path: [...path, name] });
      if (!isList) pending.push({ value: undefined, path, key: name });
    }
  }
  return undefined;
}
