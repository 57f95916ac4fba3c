import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { generateSegment } from '../../commands/segment-generator.ts';
import type { Services } from '../../commands/services.ts';

const payloadSchema = z.object({
  segmentId: z.uuid(),
  autoApprove: z.boolean().default(false),
  attempt: z.number().int().min(1).default(1),
});

/** `generate_segment`: renders one segment through its provider. */
export const generateSegmentTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    const input = payloadSchema.parse(payload);
    await generateSegment(services, input, { signal: helpers.abortSignal });
  };
