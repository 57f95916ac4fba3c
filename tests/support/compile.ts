/**
 * Starting a compile through the API and waiting for its output.
 */
import { expect } from 'vitest';
import type { TestClient } from './http-client.ts';
import { eventually } from './server-process.ts';

export interface FinishedCompile {
  status: string;
  progress: number;
  output_video_url: string;
  output_duration: number;
  segments_included: number;
  chapters: { title: string; segment_id: string; start: number; end: number }[];
  error_message: string | null;
}

/** POSTs the compile, expects 202, and resolves with the finished job (rejects if it failed). */
export async function compileAndWait(client: TestClient, episodeId: string, body: Record<string, unknown>) {
  const started = await client.json<{ compilation_job_id: string; estimated_duration: number }>('POST', `/api/v1/episodes/${episodeId}/compile`, body);
  expect(started.status).toBe(202);
  const job = await eventually(async () => {
    const { body: current } = await client.json<FinishedCompile>('GET', `/api/v1/compilation-jobs/${started.body.compilation_job_id}`);
    if (current.status === 'failed') throw new Error(`compile failed: ${current.error_message}`);
    return current.status === 'completed' && current;
  }, 120_000, 'the compile');
  return { job, estimatedDuration: started.body.estimated_duration };
}
