import type { Task } from 'graphile-worker';
import { purgeOldVersions } from '../../commands/retention.ts';
import type { Services } from '../../commands/services.ts';

/** `purge_segment_files`: the daily retention run (see commands/retention.ts). */
export const purgeSegmentFilesTask =
  (services: Services): Task =>
  async () => {
    await purgeOldVersions(services);
  };
