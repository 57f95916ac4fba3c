/**
 * Builds ffmpeg filtergraph text safely. A filtergraph is parsed twice: once to split filters
 * (`,` `;` `[` `]` are special) and once per filter to split options (`:` `=` are special); quotes
 * and backslashes are special at both levels. Every option value therefore goes through both
 * escapes, so paths and expressions may hold any character.
 */

/** Escapes a value for the per-filter option parser. */
function escapeOptionValue(value: string): string {
  return value.replace(/[\\':]/g, (ch) => `\\${ch}`);
}

/** Escapes text for the graph-level parser. */
function escapeGraphText(value: string): string {
  return value.replace(/[\\'[\],;]/g, (ch) => `\\${ch}`);
}

/** Escapes one option value so that it survives both filtergraph parsing levels unchanged. */
export function escapeFilterValue(value: string | number): string {
  return escapeGraphText(escapeOptionValue(String(value)));
}

/**
 * One filter with named options, e.g. `filter('scale', { w: 640, h: -2 })` → `scale=w=640:h=-2`.
 * Options whose value is undefined are left out.
 */
export function filter(name: string, options: Record<string, string | number | boolean | undefined> = {}): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    parts.push(`${key}=${escapeFilterValue(text)}`);
  }
  return parts.length > 0 ? `${name}=${parts.join(':')}` : name;
}

/** A chain `[in]f1,f2[out]`; labels are written without brackets. */
export function chain(inputs: string[], filters: string[], outputs: string[]): string {
  const ins = inputs.map((label) => `[${label}]`).join('');
  const outs = outputs.map((label) => `[${label}]`).join('');
  return `${ins}${filters.join(',')}${outs}`;
}

/** Formats seconds for ffmpeg expressions and options without exponent notation. */
export function seconds(value: number): string {
  return (Math.round(value * 1_000_000) / 1_000_000).toFixed(6).replace(/\.?0+$/, '') || '0';
}
