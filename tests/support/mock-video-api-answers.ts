/**
 * What the four stand-in video APIs say about a job, in each one's own shape: fal's queue status
 * and result, Replicate's prediction, xAI's video status and Veo's long-running operation.
 */
import { DEFAULT_FAILURE, DEFAULT_INVALID, POLICY_MESSAGE, tqdmLine, validationError, type Answer } from './mock-video-api-formats.ts';
import type { MockVideoJob } from './mock-video-api-server.ts';

/** What the answers name of the server: where fal and Replicate say a job lives, and the served clip. */
export interface AnswerContext {
  falPublicOrigin: string;
  replicateBase: string;
  video: Buffer;
}

export function duration(job: MockVideoJob): number {
  const body = job.request;
  const asked = (body.input as Record<string, unknown> | undefined)?.duration ?? body.duration ?? (body.parameters as Record<string, unknown> | undefined)?.durationSeconds;
  const seconds = typeof asked === 'string' ? parseFloat(asked) : typeof asked === 'number' ? asked : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 5;
}

// fal ------------------------------------------------------------------------------------------

export function falUrls(mock: AnswerContext, app: string, id: string) {
  const responseUrl = `${mock.falPublicOrigin}/${app}/requests/${id}`;
  return { response_url: responseUrl, status_url: `${responseUrl}/status`, cancel_url: `${responseUrl}/cancel` };
}

export function falResult(mock: AnswerContext, job: MockVideoJob): Answer {
  if (job.state === 'canceled') return { status: 400, body: { detail: 'Request was cancelled' } };
  if (job.state !== 'succeeded' && job.state !== 'failed') return { status: 400, body: { detail: 'Request is still in progress' } };
  const prompt = String(job.request.prompt ?? '');
  switch (job.outcome) {
    case 'policy':
      return {
        status: 422,
        body: {
          detail: [
            {
              loc: ['body', 'prompt'],
              msg: job.message ?? POLICY_MESSAGE.fal,
              type: 'content_policy_violation',
              url: 'https://docs.fal.ai/errors#content_policy_violation',
              input: prompt,
              categories: ['sexual'],
            },
          ],
        },
      };
    case 'invalid-input':
      return validationError('fal', job.message ?? DEFAULT_INVALID.fal, 'duration');
    case 'failure':
    case 'expired':
      return { status: 500, body: { detail: job.message ?? (job.outcome === 'expired' ? 'Request expired before it ran' : DEFAULT_FAILURE) } };
    case 'malformed':
      return { status: 200, body: { seed: 1234, timings: { inference: 12.5 } } };
    default: {
      const seed = typeof job.request.seed === 'number' ? job.request.seed : 1234;
      return {
        status: 200,
        body: {
          video: { url: job.videoUrls[0], content_type: 'video/mp4', file_name: 'output.mp4', file_size: mock.video.length, width: 320, height: 180, duration: duration(job), fps: 24 },
          seed,
          timings: { inference: 12.5 },
        },
      };
    }
  }
}

export function falStatus(mock: AnswerContext, job: MockVideoJob, app: string): Answer {
  const urls = falUrls(mock, app, job.id);
  if (job.state === 'queued') return { status: 202, body: { status: 'IN_QUEUE', request_id: job.id, queue_position: 0, ...urls } };
  if (job.state === 'running') {
    const logs = [{ message: `Generating video: ${job.progress}%`, level: 'INFO', source: 'user', timestamp: new Date().toISOString() }];
    return { status: 202, body: { status: 'IN_PROGRESS', request_id: job.id, logs, ...urls } };
  }
  const failed = job.state === 'failed' || job.state === 'canceled';
  return {
    status: 200,
    body: {
      status: 'COMPLETED',
      request_id: job.id,
      logs: [],
      metrics: { inference_time: 12.5 },
      ...urls,
      ...(failed ? { error: job.state === 'canceled' ? 'Request was cancelled' : (job.message ?? (job.outcome === 'policy' ? POLICY_MESSAGE.fal : DEFAULT_FAILURE)) } : {}),
      ...(failed ? { error_type: job.outcome === 'policy' ? 'content_policy_violation' : job.outcome === 'invalid-input' ? 'value_error' : 'runner_error' } : {}),
    },
  };
}

// Replicate ------------------------------------------------------------------------------------

export function prediction(mock: AnswerContext, job: MockVideoJob): Record<string, unknown> {
  const status = { queued: 'starting', running: 'processing', succeeded: 'succeeded', failed: 'failed', canceled: 'canceled' }[job.state];
  const total = 50;
  const logLines = job.state === 'queued' ? [] : ['Using seed: 1234', tqdmLine(0, total, 0)];
  for (let step = 1; step <= job.step; step++) logLines.push(tqdmLine(Math.round((100 * step) / Math.max(1, job.steps)), total, step * 5));
  const finished = job.state === 'succeeded' || job.state === 'failed' || job.state === 'canceled';
  let error: string | null = null;
  if (job.state === 'failed') error = job.message ?? (job.outcome === 'policy' ? POLICY_MESSAGE.replicate : job.outcome === 'expired' ? 'Prediction timed out' : DEFAULT_FAILURE);
  const output = job.state === 'succeeded' && job.outcome !== 'malformed' ? job.videoUrls[0]! : null;
  const created = new Date(job.createdAt).toISOString();
  const [owner, name] = job.model.split(':')[0]!.split('/');
  return {
    id: job.id,
    model: owner && name ? `${owner}/${name}` : job.model,
    version: job.model.includes(':') ? job.model.split(':')[1] : 'hidden',
    input: job.request.input ?? {},
    logs: logLines.join('\n') + (logLines.length ? '\n' : ''),
    output,
    data_removed: false,
    error,
    status,
    source: 'api',
    created_at: created,
    ...(job.state !== 'queued' ? { started_at: created } : {}),
    ...(finished ? { completed_at: new Date().toISOString() } : {}),
    urls: {
      get: `${mock.replicateBase}/predictions/${job.id}`,
      cancel: `${mock.replicateBase}/predictions/${job.id}/cancel`,
      web: `https://replicate.com/p/${job.id}`,
    },
    ...(finished ? { metrics: { predict_time: 12.5, total_time: 13.1 } } : {}),
  };
}

// xAI ------------------------------------------------------------------------------------------

export function xaiStatus(job: MockVideoJob): Answer {
  if (job.state === 'queued' || job.state === 'running') return { status: 202, body: { status: 'pending', progress: job.progress } };
  const model = job.model;
  const seconds = duration(job);
  switch (job.outcome) {
    case 'expired':
      return { status: 200, body: { status: 'expired' } };
    case 'failure':
    case 'invalid-input':
      return { status: 200, body: { status: 'failed', video: { duration: 0, respect_moderation: true }, model: '', error: { code: 'internal_error', message: job.message ?? DEFAULT_FAILURE } } };
    case 'policy':
      return { status: 200, body: { status: 'done', video: { url: job.videoUrls[0], duration: seconds, respect_moderation: false }, model, progress: 100 } };
    case 'malformed':
      return { status: 200, body: { status: 'done', video: { duration: seconds, respect_moderation: true }, model, progress: 100 } };
    default:
      return {
        status: 200,
        body: { status: 'done', video: { url: job.videoUrls[0], duration: seconds, respect_moderation: true }, model, progress: 100, usage: { cost_in_usd_ticks: Math.round(seconds * 0.05 * 1e10) } },
      };
  }
}

// Veo ------------------------------------------------------------------------------------------

export function veoOperation(job: MockVideoJob): Answer {
  const name = `models/${job.model}/operations/${job.id}`;
  // A running operation carries no `done` field: proto3 JSON leaves out false.
  if (job.state === 'queued' || job.state === 'running') return { status: 200, body: { name } };
  const type = 'type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse';
  switch (job.outcome) {
    case 'failure':
    case 'expired':
    case 'invalid-input':
      return { status: 200, body: { name, done: true, error: { code: job.outcome === 'expired' ? 4 : 13, message: job.message ?? (job.outcome === 'expired' ? 'Deadline exceeded.' : DEFAULT_FAILURE) } } };
    case 'policy':
      return { status: 200, body: { name, done: true, response: { '@type': type, generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: [job.message ?? POLICY_MESSAGE.veo] } } } };
    case 'malformed':
      return { status: 200, body: { name, done: true, response: { '@type': type, generateVideoResponse: { generatedSamples: [{ video: {} }] } } } };
    default:
      return { status: 200, body: { name, done: true, response: { '@type': type, generateVideoResponse: { generatedSamples: job.videoUrls.map((uri) => ({ video: { uri } })) } } } };
  }
}
