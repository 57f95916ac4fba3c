import type { Task } from 'graphile-worker';
import { sweepCompileCaches } from '../../commands/media-cache.ts';
import { purgeOldVersions } from '../../commands/retention.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `purge_segment_files`: the daily retention run (see commands/retention.ts), and the compile caches' sweep. */
export const purgeSegmentFilesTask =
  (services: Services): Task =>
  async (payload) => {
    parseJobPayload('purge_segment_files', payload);
    await purgeOldVersions(services);
    await sweepCompileCaches(services);
  };
