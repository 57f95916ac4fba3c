/**
 * The approved cut of an episode for an editing room, under /api/v1/episodes/{id}/export:
 * OpenTimelineIO, FCPXML, CMX 3600 EDL, SubRip, WebVTT, a CSV shot list, a storyboard PDF and a
 * ZIP package of them all with the takes' files, each of the whole episode or of one scene (`?scene=N`). Slots without an approved take are left out and named in
 * `X-Dailies-Missing-Shots`.
 */
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { EXPORT_FORMATS, exportQuery, type ExportFormat } from '../../../src/lib/api/exports.schema.ts';
import { buildCutModel, type CutModel } from '../../exports/cut-model.ts';
import { attachmentDisposition, exportFileName } from '../../exports/download-name.ts';
import { edlText } from '../../exports/edl.ts';
import { fcpxmlDocument } from '../../exports/fcpxml.ts';
import { otioDocument } from '../../exports/otio.ts';
import { compiledMusic, packageStream } from '../../exports/package.ts';
import { shotListCsv } from '../../exports/shot-list-csv.ts';
import { storyboardStream } from '../../exports/storyboard-pdf.ts';
import { srtText, vttText } from '../../exports/subtitles.ts';
import type { AppEnv } from '../context.ts';
import { endpoint } from '../endpoint.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

/** The formats written whole as text; the package and the storyboard are streamed. */
type TextFormat = Exclude<ExportFormat['path'], 'package' | 'storyboard.pdf'>;

const WRITERS: Record<TextFormat, (model: CutModel) => string> = {
  otio: otioDocument,
  fcpxml: fcpxmlDocument,
  edl: edlText,
  srt: srtText,
  vtt: vttText,
  'shots.csv': shotListCsv,
};

const SUMMARIES: Record<TextFormat, string> = {
  otio: 'The approved cut as an OpenTimelineIO document, with transitions, note markers and provenance',
  fcpxml: 'The approved cut as FCPXML 1.10: assets, a spine of clips, cross dissolves and note markers',
  edl: 'The approved cut as a CMX 3600 EDL: events with reels and timecodes, dissolves, notes as LOC comments',
  srt: 'The dialogue of the approved cut as SubRip subtitles, timed to the compiled video',
  vtt: 'The dialogue of the approved cut as WebVTT subtitles, timed to the compiled video',
  'shots.csv': 'The approved cut as a CSV shot list: shot, camera, dialogue, decision, open notes, provenance',
};

/** The headers of an export of `model`: its type, a download name, and the shots left out. */
function exportHeaders(model: CutModel, contentType: string, extension: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Disposition': attachmentDisposition(exportFileName(model.title, model.scene, extension)),
    'X-Dailies-Missing-Shots': model.missing.map((slot) => slot.shotNumber).join(','),
    'Cache-Control': 'private, no-cache',
    'X-Content-Type-Options': 'nosniff',
  };
}

export function exportsRoutes({ services }: RouteDeps) {
  const { db } = services;
  const rule = { kind: 'episode', permission: 'episode.read', id: 'episode' } as const;
  const app = new Hono<AppEnv>();
  for (const format of EXPORT_FORMATS.filter((candidate): candidate is Extract<ExportFormat, { path: TextFormat }> => candidate.path !== 'package' && candidate.path !== 'storyboard.pdf')) {
    app.get(`/:id/export/${format.path}`, endpoint(db, { rule, summary: `${SUMMARIES[format.path]} (?scene=N for one scene; 409 when nothing is approved)` }), async (c) => {
      const { scene } = parseWith(exportQuery, c.req.query());
      const model = await buildCutModel(db, c.get('episodeId'), scene ?? null);
      const textual = format.type.startsWith('text/') || format.type === 'application/x-subrip' || format.type === 'application/xml';
      return c.body(WRITERS[format.path](model), 200, exportHeaders(model, textual ? `${format.type}; charset=utf-8` : format.type, format.extension));
    });
  }
  app.get(
    '/:id/export/package',
    endpoint(db, { rule, summary: 'The approved cut as a ZIP for an editing room, streamed: the takes, OTIO, FCPXML and EDL pointing at them by relative path, subtitles, shot list, music and a README (?scene=N for one scene; 409 when nothing is approved)' }),
    async (c) => {
      const { scene } = parseWith(exportQuery, c.req.query());
      const episodeId = c.get('episodeId');
      // Built (and refused) before the first byte, so a refusal is a clear error rather than a broken download.
      const model = await buildCutModel(db, episodeId, scene ?? null);
      const music = await compiledMusic(db, episodeId);
      const zip = packageStream(model, services.storage, music);
      return c.body(Readable.toWeb(zip) as ReadableStream, 200, exportHeaders(model, 'application/zip', 'zip'));
    },
  );
  app.get(
    '/:id/export/storyboard.pdf',
    endpoint(db, { rule, summary: 'The approved cut as a storyboard PDF, streamed: per take its poster frame with the open notes\' drawings, scene and shot, size and camera, dialogue, decision, open notes and provenance (?scene=N for one scene; 409 when nothing is approved)' }),
    async (c) => {
      const { scene } = parseWith(exportQuery, c.req.query());
      // Built (and refused) before the first byte, as the package.
      const model = await buildCutModel(db, c.get('episodeId'), scene ?? null);
      const pdf = storyboardStream(model, services.storage);
      return c.body(Readable.toWeb(pdf) as ReadableStream, 200, exportHeaders(model, 'application/pdf', 'pdf'));
    },
  );
  return app;
}
