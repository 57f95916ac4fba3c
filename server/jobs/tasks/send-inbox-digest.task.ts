import type { Task } from 'graphile-worker';
import { sendInboxDigest } from '../../commands/inbox-digest.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `send_inbox_digest`: emails a person what is new in their inbox; a mail server that is down fails the job, which graphile-worker retries with backoff. */
export const sendInboxDigestTask =
  (services: Services): Task =>
  async (payload) => {
    const { userId } = parseJobPayload('send_inbox_digest', payload);
    await sendInboxDigest(services, userId);
  };
