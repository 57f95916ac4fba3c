/** A 32-bit FNV-1a hash of a text's UTF-16 code units: a stable, well-spread number. */
export function fnv1a(text: string, offset = 0x811c9dc5): number {
  let value = offset >>> 0;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}
