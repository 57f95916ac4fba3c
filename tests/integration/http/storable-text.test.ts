/**
 * Text Postgres cannot store (NUL, an unpaired UTF-16 surrogate) is refused at the edge with
 * 400 `invalid_text`, wherever it comes in — any body field or key, a path parameter, a query
 * value — and changes nothing; a malformed `%` escape in a media path is a 400 too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;
let segmentId: string;
let freshShotId: string;
let shareToken: string;

/** Everything the app has stored (see databaseFingerprint). */
const snapshot = () => databaseFingerprint(app.context.services.db);

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olga');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(app.context.services, 'A baker races to finish a wedding cake', 2, me.id)).id;
  const segments = await generateFirstSegments(app.context.services, episodeId, 1);
  segmentId = segments[0]!.id;
  freshShotId = segments[1]!.shot_id;
  const link = await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'reviewer', label: 'crew' });
  shareToken = link.body.token;
});

const NUL = 'a\u0000b';
const LONE = 'a\ud800b';

type Who = 'owner' | 'anonymous';
/** Name, who sends it, method, path (given the bad text percent-encoded), and the body: JSON, or raw text for an upload. */
type Case = [name: string, who: Who, method: string, path: (encoded: string) => string, body: (bad: string) => unknown];

const cases: Case[] = [
  ['a comment', 'owner', 'POST', () => `/api/v1/segments/${segmentId}/comments`, (bad) => ({ text: bad })],
  ['a rejection reason', 'owner', 'POST', () => `/api/v1/segments/${segmentId}/reject`, (bad) => ({ reason: bad })],
  ['suggested changes', 'owner', 'POST', () => `/api/v1/segments/${segmentId}/reject`, (bad) => ({ reason: 'Too dark', suggested_changes: { prompt: bad } })],
  ['regeneration changes', 'owner', 'POST', () => `/api/v1/segments/${segmentId}/regenerate`, (bad) => ({ changes: { prompt_modifications: bad } })],
  ['approval feedback', 'owner', 'POST', () => `/api/v1/segments/${segmentId}/approve`, (bad) => ({ rating: 4, feedback: bad })],
  ['an idea', 'owner', 'POST', () => '/api/v1/episodes', (bad) => ({ idea: bad })],
  ['a title', 'owner', 'POST', () => '/api/v1/episodes', (bad) => ({ idea: 'A quiet harbour at dawn', title: bad })],
  ['a screenplay', 'owner', 'POST', () => '/api/v1/episodes', (bad) => ({ screenplay: `INT. KITCHEN - DAY\n\nMara kneads the ${bad} dough.\n` })],
  ['a shot prompt in a shot list', 'owner', 'POST', () => '/api/v1/episodes', (bad) => ({ shots: [{ prompt: bad }] })],
  ['a shot prompt edit', 'owner', 'PATCH', () => `/api/v1/shots/${freshShotId}`, (bad) => ({ prompt: bad })],
  ['a display name', 'anonymous', 'POST', () => '/api/v1/auth/signup', (bad) => ({ email: 'new@example.com', password: PASSWORD, display_name: bad })],
  ['a login email', 'anonymous', 'POST', () => '/api/v1/auth/login', (bad) => ({ email: `owner${bad}@example.com`, password: PASSWORD })],
  ['a guest name', 'anonymous', 'POST', () => `/api/v1/share/${shareToken}/session`, (bad) => ({ name: bad })],
  ['a share link label', 'owner', 'POST', () => `/api/v1/episodes/${episodeId}/share-links`, (bad) => ({ role: 'viewer', label: bad })],
  ['a token name', 'owner', 'POST', () => '/api/v1/tokens', (bad) => ({ name: bad })],
  ['a key of the body', 'owner', 'POST', () => `/api/v1/segments/${segmentId}/comments`, (bad) => ({ text: 'fine', [bad]: 'x' })],
  ['a character key in the path', 'owner', 'POST', (encoded) => `/api/v1/episodes/${episodeId}/characters/${encoded}/images`, () => ({})],
  ['a character key in the path of a read', 'owner', 'GET', (encoded) => `/api/v1/episodes/${episodeId}/characters/${encoded}/images`, () => undefined],
  ['an upload’s file name', 'owner', 'POST', (encoded) => `/api/v1/episodes/${episodeId}/assets?filename=${encoded}.mp3`, () => 'ID3 not really'],
];

/** `encodeURIComponent` refuses a lone surrogate; a client can still send its UTF-8 bytes' escapes. */
function encodeLoose(value: string): string {
  return [...value].map((char) => (char === '\ud800' ? '%ED%A0%80' : encodeURIComponent(char))).join('');
}

describe('text that cannot be stored', () => {
  it.each(cases.flatMap(([name, ...rest]) => [[`${name} with NUL`, NUL, ...rest], [`${name} with a lone surrogate`, LONE, ...rest]] as const))(
    '%s → 400 invalid_text, nothing changed',
    async (_name, bad, who, method, path, body) => {
      const client = who === 'owner' ? owner : new TestClient(app.server.base);
      const before = await snapshot();
      const payload = body(bad);
      // JSON.stringify escapes both characters (`\u0000`, `\ud800`), as any JSON client sends them.
      const response =
        typeof payload === 'string'
          ? await client.request(method, path(encodeLoose(bad)), payload, { 'content-type': 'audio/mpeg' })
          : await client.request(method, path(encodeLoose(bad)), payload === undefined ? undefined : JSON.stringify(payload));
      const answer = await response.json();
      expect(response.status).toBe(400);
      expect(answer.error).toMatchObject({ code: 'invalid_text', message: expect.stringMatching(/cannot be stored|not UTF-8/) });
      expect(answer.error.details).toEqual([expect.objectContaining({ path: expect.stringMatching(/^(body|path|query)\b/) })]);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('names where the bad text was', async () => {
    const response = await owner.request('POST', '/api/v1/episodes', JSON.stringify({ shots: [{ prompt: 'fine' }, { prompt: 'fine', characters: ['Ada', NUL] }] }));
    expect((await response.json()).error.details).toEqual([{ path: 'body.shots.1.characters.1', message: expect.any(String) }]);
  });

  it('a body that is not UTF-8 is refused the same way', async () => {
    const before = await snapshot();
    const bytes = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const response = await owner.request('POST', `/api/v1/segments/${segmentId}/comments`, new Uint8Array(bytes));
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_text');
    expect(await snapshot()).toEqual(before);
  });

  it('the same text without the bad character is taken', async () => {
    const response = await owner.post(`/api/v1/segments/${segmentId}/comments`, { text: 'ab' });
    expect(response.status).toBe(201);
  });
});

describe('bodies nested too deep', () => {
  /** `depth` levels of `{"a": …}` or `[…]` around a string, built as text (a value that deep cannot be stringified). */
  const nested = (depth: number, kind: 'object' | 'array') =>
    kind === 'object' ? '{"a":'.repeat(depth) + '"x"' + '}'.repeat(depth) : '['.repeat(depth) + '"x"' + ']'.repeat(depth);

  it.each([
    ['a login, before any account is known', 'anonymous', '/api/v1/auth/login', nested(20_000, 'object')],
    ['a new episode', 'owner', '/api/v1/episodes', nested(100_000, 'array')],
    ['a comment, just past the limit', 'owner', '/api/v1/segments/{segment}/comments', `{"text":"fine","extra":${nested(64, 'object')}}`],
  ] as const)('%s → 400 validation_failed naming the depth, nothing changed', async (_name, who, path, body) => {
    const client = who === 'owner' ? owner : new TestClient(app.server.base);
    const before = await snapshot();
    const response = await client.request('POST', path.replace('{segment}', segmentId), body);
    const answer = await response.json();
    expect(response.status).toBe(400);
    expect(answer.error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('deeper than 64 levels') });
    expect(await snapshot()).toEqual(before);
    // The server still answers: its call stack was never at risk.
    expect((await owner.get('/api/v1/me')).status).toBe(200);
  });

  it('a body nested up to the limit reaches the request schema as usual', async () => {
    const response = await owner.request('POST', `/api/v1/segments/${segmentId}/comments`, `{"text":"deep but fine","extra":${nested(62, 'object')}}`);
    const answer = await response.json();
    expect(response.status).toBe(400);
    // Refused by the comment's schema, which knows no `extra`, not by the depth check.
    expect(answer.error.code).toBe('validation_failed');
    expect(answer.error.message).not.toContain('deeper');
    expect(answer.error.details).toEqual([expect.objectContaining({ path: expect.not.stringContaining('a.a.a') })]);
  });
});

describe('media paths', () => {
  it.each(['%zz', '%E0%A4%A', '%ED%A0%80', '%'])('a malformed escape (%s) is a 400', async (escape) => {
    const response = await owner.get(`/media/segments/${episodeId}/${escape}.mp4`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_storage_key');
  });
});
