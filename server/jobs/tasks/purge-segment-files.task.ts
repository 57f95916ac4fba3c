import type { Task } from 'graphile-worker';
import { purgeOldVersions } from '../../commands/retention.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `purge_segment_files`: the daily retention run (see commands/retention.ts). */
export const purgeSegmentFilesTask =
  (services: Services): Task =>
  async (payload) => {
    parseJobPayload('purge_segment_files', payload);
    await purgeOldVersions(services);
  };
