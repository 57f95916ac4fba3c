import type { Task } from 'graphile-worker';
import { analyzeSegment } from '../../commands/segment-analyzer.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `analyze_segment`: normalizes a generated take and measures it (see commands/segment-analyzer.ts). */
export const analyzeSegmentTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    await analyzeSegment(services, parseJobPayload('analyze_segment', payload), { signal: helpers.abortSignal });
  };
