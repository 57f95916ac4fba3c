/**
 * The storyboard PDF of an approved cut, read back with PDF.js (a reader of its own): three takes
 * a page, each with its scene and shot number, dialogue in Latin and CJK text, its open notes (not
 * the resolved ones) and its poster frame, with the fonts embedded; one scene gives only that
 * scene; bad requests are refused with the other exports' errors and change nothing.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCurrentSegments, markPurged } from '../../../server/db/queries/segment.queries.ts';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
const TITLE = 'Harbour 港の朝';
const JAPANESE = 'おはよう、船はもう出ましたか？';
const CHINESE = '我们明天再见。';
let owner: TestClient;
let episodeId: string;
let takes: VideoSegment[];

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

interface ReadPdf {
  bytes: Buffer;
  /** Each page's text, its pieces joined as they are laid out. */
  pages: string[];
  /** The first page's drawing operators in order, as PDF.js reads them. */
  firstPageOps: { op: number; args: unknown[] }[];
}

async function readPdf(bytes: Buffer): Promise<ReadPdf> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const pdf = await task.promise;
  const pages: string[] = [];
  const operators = await (await pdf.getPage(1)).getOperatorList();
  const firstPageOps = operators.fnArray.map((op, index) => ({ op, args: (operators.argsArray[index] ?? []) as unknown[] }));
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await task.destroy();
  return { bytes, pages, firstPageOps };
}

/** GETs the storyboard and checks it is a PDF download named after the episode. */
async function storyboard(query = ''): Promise<ReadPdf> {
  const response = await owner.get(`/api/v1/episodes/${episodeId}/export/storyboard.pdf${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const disposition = response.headers.get('content-disposition') ?? '';
  expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`${TITLE}${query ? ` - scene ${query.split('=')[1]}` : ''}.pdf`);
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return readPdf(bytes);
}

/** GETs a path and checks the refusal changed nothing in the database. */
async function refused(path: string): Promise<{ status: number; body: ErrorBody }> {
  const before = await databaseFingerprint(app.context.services.db, { except: ['sessions'] });
  const answer = await owner.json<ErrorBody>('GET', path);
  expect(await databaseFingerprint(app.context.services.db, { except: ['sessions'] })).toEqual(before);
  return answer;
}

const shotHeading = (scene: number, shot: number) => `Scene ${scene} · Shot ${shot}`;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  const created = await owner.json<{ id: string }>('POST', '/api/v1/episodes', {
    title: TITLE,
    width: 320,
    height: 180,
    fps: 24,
    shots: [
      { scene: 'EXT. PIER - DAWN', prompt: 'Close-up: Ann waves at the boat', duration: 2, dialogue: [{ character: 'Ann', line: 'Wait for me!' }] },
      { scene: 'EXT. PIER - DAWN', prompt: 'Yuki looks at the sea', duration: 2, dialogue: [{ character: 'Yuki', line: JAPANESE }] },
      { scene: 'EXT. PIER - DAWN', prompt: 'Ben ties the rope', duration: 2, dialogue: [] },
      { scene: 'INT. CAFE - DAY', prompt: 'Mei sits down by the window', duration: 2, dialogue: [{ character: 'Mei', line: CHINESE }] },
    ],
  });
  expect(created.status).toBe(201);
  episodeId = created.body.id;
  const { services } = app.context;
  for (const segment of await listCurrentSegments(services.db, episodeId)) {
    await generateAndAnalyze(services, segment.id);
    expect((await owner.post(`/api/v1/segments/${segment.id}/approve`, {})).status).toBe(200);
  }
  takes = await listCurrentSegments(services.db, episodeId);
  const drawn = await owner.json('POST', `/api/v1/segments/${takes[0]!.id}/notes`, {
    text: 'Boat too dark, lift the shadows',
    frame_in: 10,
    frame_out: 19,
    drawing: {
      shapes: [
        { kind: 'freehand', color: '#e11d48', width: 0.01, points: [[0.1, 0.1], [0.3, 0.2], [0.5, 0.15]] },
        { kind: 'arrow', color: '#2563eb', width: 0.008, from: [0.6, 0.8], to: [0.8, 0.5] },
        { kind: 'rect', color: '#16a34a', width: 0.005, x: 0.2, y: 0.5, w: 0.2, h: 0.3 },
        { kind: 'ellipse', color: '#f59e0b', width: 0.005, cx: 0.7, cy: 0.3, rx: 0.1, ry: 0.1 },
        { kind: 'text', color: '#ffffff', x: 0.05, y: 0.85, text: 'the boat', size: 0.08 },
      ],
    },
  });
  expect(drawn.status).toBe(201);
  expect((await owner.json('POST', `/api/v1/segments/${takes[3]!.id}/notes`, { text: '窗外的光太亮了' })).status).toBe(201);
  const resolved = await owner.json<{ id: string }>('POST', `/api/v1/segments/${takes[1]!.id}/notes`, { text: 'Settled already' });
  expect(resolved.status).toBe(201);
  expect((await owner.post(`/api/v1/notes/${resolved.body.id}/resolve`, {})).status).toBe(200);
}, 300_000);

describe('the storyboard of the whole episode', () => {
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await storyboard();
  });

  it('has three takes a page: two pages for four takes, each shot on its own page in order', () => {
    expect(pdf.pages).toHaveLength(2);
    const pageOf = (heading: string) => pdf.pages.findIndex((text) => text.includes(heading));
    expect([pageOf(shotHeading(1, 1)), pageOf(shotHeading(1, 2)), pageOf(shotHeading(1, 3)), pageOf(shotHeading(2, 1))]).toEqual([0, 0, 0, 1]);
    expect(pdf.pages[0]).toContain(TITLE);
    expect(pdf.pages[0]).toContain('Page 1 of 2');
  });

  it('holds each shot’s number, heading, dialogue in Latin, Japanese and Chinese, decision and provenance', () => {
    const all = pdf.pages.join('\n');
    expect(all).toContain('Shot 4 of the episode · INT. CAFE - DAY');
    expect(all).toContain('Ann: Wait for me!');
    expect(all).toContain(`Yuki: ${JAPANESE}`);
    expect(all).toContain(`Mei: ${CHINESE}`);
    expect(all).toMatch(/Take v1 · approved · \d\d:00:00:00–\d\d:00:02:00 · 48 frames/);
    expect(all).toContain('Close-up: Ann waves at the boat');
  });

  it('lists the open notes with their frames, text and author, the drawing’s text on the poster, and leaves resolved notes out', () => {
    expect(pdf.pages[0]).toMatch(/Open notes \(1\)\s*1\s*frames 10–19 · [^:]+: Boat too dark, lift the shadows/);
    expect(pdf.pages[0]).toContain('the boat');
    expect(pdf.pages[1]).toContain('窗外的光太亮了');
    expect(pdf.pages.join('')).not.toContain('Settled already');
  });

  it('embeds its fonts, Latin and CJK, and one poster frame per take', () => {
    const raw = pdf.bytes.toString('latin1');
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansCJKjp-Regular\b/);
    // DejaVu is TrueType (FontFile2), Noto Sans CJK is CFF-flavoured OpenType (FontFile3): both embedded.
    expect(raw).toMatch(/\/FontFile2 /);
    expect(raw).toMatch(/\/FontFile3 /);
    expect(raw.match(/\/Subtype \/Image/g)).toHaveLength(4);
  });
});

describe('the note drawing on the poster frame', () => {
  it('is stroked over the first take’s poster in each shape’s colour, scaled to where the poster sits', async () => {
    const { firstPageOps: ops } = await storyboard();
    const images = ops.flatMap((entry, index) => (entry.op === OPS.paintImageXObject ? [index] : []));
    expect(images).toHaveLength(3);
    // The poster's placement: the transform just before it maps the unit square onto the page (y down).
    const placement = ops.slice(0, images[0]).findLast((entry) => entry.op === OPS.transform)!.args as number[];
    const [a, , , d, e, f] = placement;
    const poster = { x: e!, y: f! + d!, width: a!, height: -d! };
    expect(poster.width / poster.height).toBeCloseTo(320 / 180, 2);
    const between = ops.slice(images[0], images[1]);
    const strokeColours = between.filter((entry) => entry.op === OPS.setStrokeRGBColor).map((entry) => entry.args[0]);
    expect(strokeColours).toEqual(expect.arrayContaining(['#e11d48', '#2563eb', '#16a34a', '#f59e0b']));
    // The freehand stroke starts at (0.1, 0.1) of the picture.
    const red = between.findIndex((entry) => entry.op === OPS.setStrokeRGBColor && entry.args[0] === '#e11d48');
    const path = between.slice(red).find((entry) => entry.op === OPS.constructPath)!;
    const points = (path.args[1] as ArrayLike<number>[])[0]!;
    expect(points[1]).toBeCloseTo(poster.x + 0.1 * poster.width, 1);
    expect(points[2]).toBeCloseTo(poster.y + 0.1 * poster.height, 1);
  });
});

describe('the storyboard of one scene', () => {
  it('holds only that scene’s takes, with no missing shots', async () => {
    const response = await owner.get(`/api/v1/episodes/${episodeId}/export/storyboard.pdf?scene=2`);
    expect(response.headers.get('x-dailies-missing-shots')).toBe('');
    const pdf = await storyboard('?scene=2');
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toContain('Storyboard · Scene 2 · 1 take ·');
    expect(pdf.pages[0]).toContain(shotHeading(2, 1));
    expect(pdf.pages[0]).toContain(`Mei: ${CHINESE}`);
    expect(pdf.pages[0]).not.toContain(shotHeading(1, 1));
    expect(pdf.pages[0]).not.toContain(JAPANESE);
  });
});

describe('refusals', () => {
  const path = () => `/api/v1/episodes/${episodeId}/export/storyboard.pdf`;

  it('answer 400 validation_failed for a scene that is not a scene number, and for unknown parameters', async () => {
    for (const query of ['scene=abc', 'scene=0', 'scene=1.5', 'scene=-1', 'scene=', 'page=2']) {
      const { status, body } = await refused(`${path()}?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toEqual(expect.any(String));
    }
  });

  it('answer 404 scene_not_found for a scene the episode does not have, listing its scenes', async () => {
    const { status, body } = await refused(`${path()}?scene=9`);
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'scene_not_found', message: expect.stringContaining('no scene 9'), details: { scene: 9, scenes: [1, 2] } });
  });

  it('answer 409 nothing_approved for an episode with no approved take', async () => {
    const created = await owner.json<{ id: string }>('POST', '/api/v1/episodes', { title: 'Empty', width: 320, height: 180, fps: 24, shots: [{ scene: 'EXT. PIER - DAWN', prompt: 'Ann waves', duration: 2 }] });
    const { status, body } = await refused(`/api/v1/episodes/${created.body.id}/export/storyboard.pdf`);
    expect(status).toBe(409);
    expect(body.error.code).toBe('nothing_approved');
    expect(body.error.details).toEqual({ missing_shots: [1] });
  });

  it('answer 409 take_purged naming the approved take whose file retention deleted, before any byte of PDF', async () => {
    await markPurged(app.context.services.db, takes[3]!.id);
    const { status, body } = await refused(path());
    expect(status).toBe(409);
    expect(body.error.code).toBe('take_purged');
    expect(body.error.message).toContain('shot 4 version 1');
    expect(body.error.details).toEqual({ purged_takes: [{ segment_id: takes[3]!.id, shot_number: 4, version: 1 }] });
    expect((await owner.get(`${path()}?scene=1`)).status).toBe(200);
  });
});
