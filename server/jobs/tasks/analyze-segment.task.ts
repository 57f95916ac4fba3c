import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { analyzeSegment } from '../../commands/segment-analyzer.ts';
import type { Services } from '../../commands/services.ts';

const payloadSchema = z.object({ segmentId: z.uuid(), autoApprove: z.boolean().default(false) });

/** `analyze_segment`: normalizes a generated take and measures it (see commands/segment-analyzer.ts). */
export const analyzeSegmentTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    await analyzeSegment(services, payloadSchema.parse(payload), { signal: helpers.abortSignal });
  };
