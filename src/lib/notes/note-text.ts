/**
 * A note's text as pieces to render without HTML: plain text, links (http, https and mailto only,
 * so a `javascript:` address stays text) and @mentions of the people the note names; and the
 * typing side of mentions: the "@na" being typed at the caret, and a chosen name put in its place.
 */

/** One piece of a note's text, rendered as a text node, an <a> or a highlighted name. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string };

// A link starts at a scheme we allow or at "www."; it runs to the next space or angle bracket.
const LINK = /\b(?:https?:\/\/|mailto:|www\.)[^\s<>"]+/gi;
// Punctuation that ends a sentence, not a link: "see https://a.example/x." links without the dot.
const TRAILING = /[.,;:!?'")\]}]+$/;

/** The address a link piece opens, or undefined when it is no safe link. */
function safeHref(candidate: string): string | undefined {
  const href = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Splits plain text on mentions of `names` ("@Ana Lima"), longest name first. */
function mentionParts(text: string, names: readonly string[]): TextPart[] {
  const sorted = [...new Set(names.filter((name) => name.trim() !== ''))].sort((a, b) => b.length - a.length);
  const parts: TextPart[] = [];
  let plain = '';
  let index = 0;
  while (index < text.length) {
    const startsWord = index === 0 || /\s|[([{]/.test(text[index - 1]!);
    const name = text[index] === '@' && startsWord ? sorted.find((candidate) => text.startsWith(candidate, index + 1)) : undefined;
    if (name === undefined) {
      plain += text[index];
      index += 1;
      continue;
    }
    if (plain) parts.push({ kind: 'text', text: plain });
    plain = '';
    parts.push({ kind: 'mention', text: `@${name}` });
    index += name.length + 1;
  }
  if (plain) parts.push({ kind: 'text', text: plain });
  return parts;
}

/**
 * The pieces of `text`: links where an address with an allowed scheme stands, mentions of
 * `mentionNames`, and plain text between. Joining every piece's `text` gives `text` back.
 */
export function textParts(text: string, mentionNames: readonly string[] = []): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const raw = match[0].replace(TRAILING, '');
    const href = safeHref(raw);
    if (!href) continue;
    const start = match.index;
    parts.push(...mentionParts(text.slice(last, start), mentionNames));
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  parts.push(...mentionParts(text.slice(last), mentionNames));
  return parts;
}

/** The mention being typed: the "@" at `start` and the letters after it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/**
 * The mention being typed before `caret`, if any: an "@" at the start or after a space, then up to
 * 30 characters with no line break and at most two spaces ("@Ana L" for "Ana Lima").
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | undefined {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]!))) return undefined;
  const query = before.slice(at + 1);
  if (query.length > 30 || /[\n@]/.test(query) || (query.match(/ /g)?.length ?? 0) > 2) return undefined;
  return { start: at, query };
}

/** The people whose name starts with (or has a word starting with) `query`, case aside. */
export function matchingPeople<P extends { name: string }>(people: readonly P[], query: string): P[] {
  const wanted = query.trim().toLowerCase();
  return people.filter((person) => {
    const name = person.name.toLowerCase();
    return name.startsWith(wanted) || name.split(/\s+/).some((word) => word.startsWith(wanted));
  });
}

/** `text` with the mention typed from `query.start` to `caret` replaced by "@Name ", and the caret after it. */
export function insertMention(text: string, caret: number, query: MentionQuery, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: `${text.slice(0, query.start)}${inserted}${rest}`, caret: query.start + inserted.length };
}

/** The ids of chosen people whose "@Name" is still in `text` (a name deleted while editing is no mention). */
export function mentionedIds(text: string, chosen: readonly { id: string; name: string }[]): string[] {
  const present = new Set(textParts(text, chosen.map((person) => person.name)).flatMap((part) => (part.kind === 'mention' ? [part.text.slice(1)] : [])));
  return [...new Set(chosen.filter((person) => present.has(person.name)).map((person) => person.id))];
}
