/** Small text helpers shared by the idea and screenplay paths of the built-in planner. */

/** Fills `{name}` placeholders; unknown placeholders stay as written so a gap is visible, not silent. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function capitalize(text: string): string {
  return text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'and', 'or', 'for', 'by', 'with']);

/** "ROOFTOP ABOVE THE ALLEY" → "Rooftop Above the Alley"; leaves CJK alone. */
export function titleCase(text: string): string {
  let first = true;
  return text.replace(/\p{L}[\p{L}'’]*/gu, (word) => {
    const lower = word.toLowerCase();
    const keepSmall = !first && SMALL_WORDS.has(lower);
    first = false;
    return keepSmall ? lower : lower[0]!.toUpperCase() + lower.slice(1);
  });
}

/** "a" or "an" before an English noun phrase. */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) && !/^(uni|eu|one)/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** Lower-case slug of a name, keeping letters of any script ("侦探美子" stays readable). */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'character';
}

/** A slug of `name` not yet in `taken`; adds it to `taken`. */
export function uniqueKey(name: string, taken: Set<string>): string {
  const base = slugOf(name);
  let key = base;
  for (let suffix = 2; taken.has(key); suffix++) key = `${base}-${suffix}`;
  taken.add(key);
  return key;
}

/** Rounds to the nearest half second within [min, max]. */
export function halfSeconds(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value * 2) / 2));
}

export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
