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

/**
 * The first place in a parsed JSON value (or a flat record of strings) whose text cannot be
 * stored, as a dotted path (`shots.2.prompt`; a key names itself); undefined when all is well.
 */
export function findUnstorableText(value: unknown, path: string[] = []): { path: string } | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : { path: path.join('.') };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // The key itself is shown escaped, so that the answer does not carry the bad character back.
      if (!isStorableText(key)) return { path: [...path, JSON.stringify(key).slice(1, -1)].join('.') };
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
