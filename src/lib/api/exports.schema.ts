/**
 * The exports of an episode's approved cut (GET /api/v1/episodes/{id}/export/{format}), shared by
 * the routes and the episode page's Export menu.
 */
import { z } from 'zod';

/** Every export format: its path under /export, what the menu calls it, and its file's extension. */
export const EXPORT_FORMATS = [
  { path: 'otio', label: 'OpenTimelineIO (.otio)', extension: 'otio', type: 'application/vnd.opentimelineio+json' },
  { path: 'fcpxml', label: 'Final Cut Pro XML (.fcpxml)', extension: 'fcpxml', type: 'application/xml' },
  { path: 'edl', label: 'CMX 3600 EDL (.edl)', extension: 'edl', type: 'text/plain' },
  { path: 'srt', label: 'Subtitles, SubRip (.srt)', extension: 'srt', type: 'application/x-subrip' },
  { path: 'vtt', label: 'Subtitles, WebVTT (.vtt)', extension: 'vtt', type: 'text/vtt' },
  { path: 'storyboard.pdf', label: 'Storyboard (.pdf)', extension: 'pdf', type: 'application/pdf' },
  { path: 'shots.csv', label: 'Shot list (.csv)', extension: 'csv', type: 'text/csv' },
  { path: 'package', label: 'Package for an editor: takes, timelines, subtitles (.zip)', extension: 'zip', type: 'application/zip' },
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `?scene=N`: one scene of the cut (a whole number from 1). */
export const exportQuery = z.strictObject({
  scene: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, { message: 'must be a scene number (a whole number from 1)' })
    .transform(Number)
    .optional(),
});

/** The address of an export of an episode, of one scene when `scene` is given. */
export function exportHref(episodeId: string, format: ExportFormat, scene?: number | null): string {
  const base = `/api/v1/episodes/${episodeId}/export/${format.path}`;
  return scene ? `${base}?scene=${scene}` : base;
}
