/**
 * The seed design's API examples, replayed. Each example below is the seed's own text ("API
 * Endpoints"), Python-style comments and `...` placeholders included; every request example is sent
 * as written (its placeholder ids, "seg-1", become the ids of this episode's slots 1, 2, 3), and
 * every field of each response example must be present with the same JSON type, and the same value
 * where the value follows from what was sent. The one word Dailies answers differently is listed
 * in SEED_DEVIATIONS and in the README.
 *
 * The episode is brought into the very state of the seed's status example (10 segments: 1 and 2
 * approved, 3 made and waiting for review, 4 generating) with no worker running: each job's
 * command is called in turn, so every count is exact.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileEpisode } from '../../../server/commands/episode-compiler.ts';
import { claimForGeneration } from '../../../server/db/queries/segment.queries.ts';
import { measureQuality } from '../../../server/media/quality.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

// The seed's text, as written there (its Chinese strings are given as meant: the seed file holds
// them twice-encoded as UTF-8).
const SEED = {
  generateRequest: `{
    "mode": "sequential",  # or "parallel"
    "batch_size": 1,  # Number of segments to generate at once
    "start_from": 0,  # Resume from specific segment
    "auto_approve": false  # Auto-approve segments (for testing)
}`,
  generateResponse: `{
    "job_id": "uuid",
    "total_segments": 10,
    "status": "started"
}`,
  statusResponse: `{
    "total_segments": 10,
    "completed": 3,
    "approved": 2,
    "rejected": 0,
    "pending": 7,
    "current_segment": 4,
    "segments": [
        {
            "id": "seg-1",
            "segment_number": 1,
            "status": "completed",
            "approval_status": "approved",
            "video_url": "...",
            "thumbnail_url": "...",
            "duration": 5.2,
            "quality_score": 0.85
        },
        ...
    ]
}`,
  segmentResponse: `{
    "id": "seg-1",
    "segment_number": 1,
    "scene_info": {
        "scene_number": 1,
        "location": "公司会议室",
        "description": "..."
    },
    "video_url": "...",
    "thumbnail_url": "...",
    "duration": 5.2,
    "generation_params": {
        "prompt": "...",
        "style": "写实电影感",
        "seed": 12345
    },
    "quality_metrics": {
        "overall_score": 0.85,
        "consistency_score": 0.90,
        "visual_quality": 0.82
    },
    "status": "completed",
    "approval_status": null,
    "version": 1,
    "previous_versions": []
}`,
  approveRequest: `{
    "rating": 5,
    "feedback": "Looks great!"
}`,
  rejectRequest: `{
    "reason": "Character appearance inconsistent",
    "suggested_changes": {
        "character_prompt": "更强调角色的眼镜特征"
    }
}`,
  regenerateRequest: `{
    "changes": {
        "prompt_modifications": "...",
        "style_adjustments": "...",
        "seed": 67890  # New seed for variation
    },
    "keep_original": true  # Keep original as version
}`,
  compileRequest: `{
    "segment_ids": ["seg-1", "seg-2", "seg-3"],  # Optional: custom order
    "transition_style": "fade",  # fade, cut, dissolve
    "audio_config": {
        "background_music": true,
        "volume_normalization": true
    }
}`,
  compileResponse: `{
    "compilation_job_id": "uuid",
    "status": "started",
    "estimated_duration": 45  # seconds
}`,
  compilationJobResponse: `{
    "id": "uuid",
    "status": "completed",
    "progress": 100,
    "output_video_url": "...",
    "output_duration": 32.5,
    "segments_included": 10
}`,
};

/**
 * Where Dailies answers another value on purpose (README, "The seed design's API"): a take nobody
 * has decided on is `pending`, not null, in every answer that carries an approval status.
 */
const SEED_DEVIATIONS: Record<string, unknown> = { approval_status: 'pending' };

/** The seed's example as JSON: Python comments, `...` list placeholders and the commas they leave, removed. */
function seedJson(text: string): unknown {
  const lines = text.split('\n').map((line) => {
    let inString = false;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '"' && line[i - 1] !== '\\') inString = !inString;
      if (line[i] === '#' && !inString) return line.slice(0, i).trimEnd();
    }
    return line;
  });
  const json = lines
    .filter((line) => line.trim() !== '...' && line.trim() !== '...,')
    .join('\n')
    .replace(/,(\s*[\]}])/g, '$1');
  return JSON.parse(json);
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Every field of `example` that `actual` lacks or holds with another JSON type, as "path: why". */
function shapeDifferences(example: unknown, actual: unknown, path = '$'): string[] {
  const key = path.split('.').at(-1)!;
  if (example === null) {
    return actual === null || (key in SEED_DEVIATIONS && actual === SEED_DEVIATIONS[key]) ? [] : [`${path}: seed shows null, got ${JSON.stringify(actual)}`];
  }
  if (typeOf(example) !== typeOf(actual)) return [`${path}: seed shows ${typeOf(example)}, got ${typeOf(actual)} ${JSON.stringify(actual)?.slice(0, 80)}`];
  if (Array.isArray(example)) {
    const items = actual as unknown[];
    if (example.length > 0 && items.length === 0) return [`${path}: seed shows items, got none`];
    return example.flatMap((item, index) => shapeDifferences(item, items[index], `${path}[${index}]`));
  }
  if (typeof example === 'object') {
    const object = actual as Record<string, unknown>;
    return Object.entries(example as Record<string, unknown>).flatMap(([field, value]) =>
      field in object ? shapeDifferences(value, object[field], `${path}.${field}`) : [`${path}.${field}: missing`],
    );
  }
  return [];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const app = appServerForFile();
let editor: TestClient;
let episodeId: string;
/** Slot number → the current take's id. */
let slot: (n: number) => Promise<string>;

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com');
  const shots = Array.from({ length: 10 }, (_, i) => ({
    scene: i < 5 ? 'INT. MEETING ROOM - DAY' : 'EXT. STREET - NIGHT',
    prompt: `Shot ${i + 1}: Lin checks her glasses`,
    duration: 1,
    characters: ['Lin'],
  }));
  episodeId = await shotListEpisode(editor, shots, 'The meeting');
  slot = async (n) => {
    const { body } = await editor.json<{ segments: { id: string; segment_number: number }[] }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    return body.segments.find((s) => s.segment_number === n)!.id;
  };
});

describe("the seed design's API examples", { timeout: 240_000 }, () => {
  it('parses every example once its comments and placeholders are stripped', () => {
    for (const [name, text] of Object.entries(SEED)) expect(() => seedJson(text), name).not.toThrow();
  });

  it('POST generate-segments, as the seed sends it', async () => {
    // Slot 2 is made and approved beforehand, so that slot 1 has a take to be compared with (its consistency).
    await generateAndAnalyze(app.context.services, await slot(2));
    expect((await editor.post(`/api/v1/segments/${await slot(2)}/approve`, {})).status).toBe(200);

    const response = await editor.request('POST', `/api/v1/episodes/${episodeId}/generate-segments`, seedJson(SEED.generateRequest));
    expect(response.status).toBe(202);
    const body = (await response.json()) as Record<string, unknown>;
    expect(shapeDifferences(seedJson(SEED.generateResponse), body)).toEqual([]);
    expect(body.job_id).toMatch(UUID);
    // 10 segments from start_from 0, that is from the first; the run is under way.
    expect(body).toMatchObject({ total_segments: 10, status: 'started' });
  });

  it('GET /segments/{id}, of a take made and not yet reviewed', async () => {
    const first = await slot(1);
    expect(await generateAndAnalyze(app.context.services, first)).toBe('completed');
    const { status, body } = await editor.json<Record<string, unknown>>('GET', `/api/v1/segments/${first}`);
    expect(status).toBe(200);
    expect(shapeDifferences(seedJson(SEED.segmentResponse), body)).toEqual([]);
    expect(body).toMatchObject({ id: first, segment_number: 1, status: 'completed', approval_status: 'pending', version: 1, previous_versions: [] });
    expect(body.scene_info).toMatchObject({ scene_number: 1, location: expect.stringMatching(/meeting room/i) });
    const quality = body.quality_metrics as Record<string, number>;
    expect(quality.overall_score).toBe(body.quality_score);
    expect(quality.consistency_score).toBe(body.consistency_score);
    for (const score of [quality.overall_score, quality.consistency_score, quality.visual_quality]) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    // Beside them, the detailed measures they come from.
    expect(quality).toMatchObject({ black_ratio: expect.any(Number), sharpness: expect.any(Number) });
  });

  it('POST approve, as the seed sends it', async () => {
    const first = await slot(1);
    const response = await editor.request('POST', `/api/v1/segments/${first}/approve`, seedJson(SEED.approveRequest));
    expect(response.status).toBe(200);
    const reviews = await app.context.services.db.selectFrom('segment_reviews').select(['action', 'rating', 'feedback']).where('segment_id', '=', first).execute();
    expect(reviews).toEqual([{ action: 'approve', rating: 5, feedback: 'Looks great!' }]);
  });

  it('GET segments/status, in the very state of the seed example', async () => {
    // The sequential run queued slot 3 once 1 and 2 were approved: make it, and leave it for review.
    expect(await generateAndAnalyze(app.context.services, await slot(3))).toBe('completed');
    // A parallel run from 4 queues the rest; a worker picks up slot 4.
    expect((await editor.post(`/api/v1/episodes/${episodeId}/generate-segments/cancel`)).status).toBe(200);
    expect((await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel', start_from: 4 })).status).toBe(202);
    expect(await claimForGeneration(app.context.services.db, await slot(4))).toBeDefined();

    const { status, body } = await editor.json<{ segments: Record<string, unknown>[] } & Record<string, unknown>>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    expect(status).toBe(200);
    expect(shapeDifferences(seedJson(SEED.statusResponse), body)).toEqual([]);
    expect(body).toMatchObject({ total_segments: 10, completed: 3, approved: 2, rejected: 0, pending: 7, current_segment: 4 });
    expect(body.segments).toHaveLength(10);
    expect(body.segments[0]).toMatchObject({ id: await slot(1), segment_number: 1, status: 'completed', approval_status: 'approved' });
    // The richer fields stay beside the seed's.
    expect(body.totals).toMatchObject({ total: 10, generating: 1, pending: 6 });
  });

  it('POST reject and POST regenerate, as the seed sends them', async () => {
    const third = await slot(3);
    const rejected = await editor.request('POST', `/api/v1/segments/${third}/reject`, seedJson(SEED.rejectRequest));
    expect(rejected.status).toBe(200);
    const review = await app.context.services.db.selectFrom('segment_reviews').select(['feedback', 'suggested_changes']).where('segment_id', '=', third).where('action', '=', 'reject').executeTakeFirstOrThrow();
    expect(review).toEqual({ feedback: 'Character appearance inconsistent', suggested_changes: { character_prompt: '更强调角色的眼镜特征' } });

    const regenerated = await editor.request('POST', `/api/v1/segments/${third}/regenerate`, seedJson(SEED.regenerateRequest));
    expect(regenerated.status).toBe(202);
    const next = (await regenerated.json()) as { id: string; version: number; seed: number; generation_params: Record<string, unknown>; previous_versions: { id: string; purged: boolean }[] };
    expect(next).toMatchObject({ version: 2, seed: 67890, generation_params: { seed: 67890, character_prompt: '更强调角色的眼镜特征' } });
    expect(String(next.generation_params.prompt)).toMatch(/Lin checks her glasses \.\.\.$/);
    // keep_original: the first take stays, playable.
    expect(next.previous_versions).toEqual([expect.objectContaining({ id: third, purged: false })]);
    expect(await generateAndAnalyze(app.context.services, next.id)).toBe('completed');
    expect((await editor.post(`/api/v1/segments/${next.id}/approve`, {})).status).toBe(200);
  });

  it('POST compile and GET compilation-jobs/{id}, as the seed sends and shows them', async () => {
    const ids = [await slot(1), await slot(2), await slot(3)];
    const request = JSON.parse(JSON.stringify(seedJson(SEED.compileRequest)).replace(/"seg-(\d)"/g, (_, n: string) => JSON.stringify(ids[Number(n) - 1])));
    const started = await editor.request('POST', `/api/v1/episodes/${episodeId}/compile`, request);
    expect(started.status).toBe(202);
    const answer = (await started.json()) as Record<string, unknown>;
    expect(shapeDifferences(seedJson(SEED.compileResponse), answer)).toEqual([]);
    expect(answer.compilation_job_id).toMatch(UUID);
    expect(answer.status).toBe('started');
    // The length of the video to come: three takes, less two 0.5-s fades.
    const durations = await app.context.services.db.selectFrom('video_segments').select('duration').where('id', 'in', ids).execute();
    expect(answer.estimated_duration).toBeCloseTo(durations.reduce((sum, row) => sum + row.duration!, 0) - 2 * 0.5, 2);

    const jobId = answer.compilation_job_id as string;
    expect(await compileEpisode(app.context.services, jobId, { number: 1, max: 1 })).toBe('completed');
    const { status, body } = await editor.json<Record<string, unknown>>('GET', `/api/v1/compilation-jobs/${jobId}`);
    expect(status).toBe(200);
    expect(shapeDifferences(seedJson(SEED.compilationJobResponse), body)).toEqual([]);
    expect(body).toMatchObject({ id: jobId, status: 'completed', progress: 100, segments_included: 3, transition_style: 'fade' });
    expect(body.audio_config).toMatchObject({ background_music: true, volume_normalization: true });
    // volume_normalization: the mix is brought to the default target loudness, −16 LUFS.
    const output = app.context.services.storage.localPath(String(body.output_video_url).replace('/media/', ''))!;
    const measured = await measureQuality(output);
    expect(Math.abs(measured.loudness_lufs! - -16)).toBeLessThan(1.5);
  });
});
