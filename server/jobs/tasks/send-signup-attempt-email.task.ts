import type { Task } from 'graphile-worker';
import type { Services } from '../../commands/services.ts';
import { sendSignupAttemptEmail } from '../../commands/signup-confirmations.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `send_signup_attempt_email`: tells an account's holder that someone signed up with its address; retried with backoff like every email. */
export const sendSignupAttemptEmailTask =
  (services: Services): Task =>
  async (payload) => {
    const { userId } = parseJobPayload('send_signup_attempt_email', payload);
    await sendSignupAttemptEmail(services, userId);
  };
