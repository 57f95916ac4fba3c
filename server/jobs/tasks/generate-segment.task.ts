import type { Task } from 'graphile-worker';
import { generateSegment } from '../../commands/segment-generator.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `generate_segment`: renders one segment through its provider. */
export const generateSegmentTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    const input = parseJobPayload('generate_segment', payload);
    await generateSegment(services, input, { signal: helpers.abortSignal });
  };
