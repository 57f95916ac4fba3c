/**
 * The Content-Disposition of an export: an attachment named after the episode (and scene), with
 * an ASCII-only `filename` for old clients and the exact name in `filename*` (RFC 6266 / 5987).
 */

/** `text` without control characters (below U+0020, and DEL). */
function withoutControls(text: string): string {
  return [...text].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('');
}

/** The file name of an export: the title (and scene) with the format's extension. */
export function exportFileName(title: string, scene: number | null, extension: string): string {
  const base = (withoutControls(title).replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim() || 'episode').slice(0, 120);
  return `${base}${scene === null ? '' : ` - scene ${scene}`}.${extension}`;
}

/** `attachment; filename="…"; filename*=UTF-8''…` for `name`. */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
