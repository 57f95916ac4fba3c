import type { Task } from 'graphile-worker';
import type { Services } from '../../commands/services.ts';
import { sendSignupConfirmationEmail } from '../../commands/signup-confirmations.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `send_signup_confirmation_email`: emails a sign-up's confirmation link; a mail server that is down fails the job, which graphile-worker retries with backoff. */
export const sendSignupConfirmationEmailTask =
  (services: Services): Task =>
  async (payload) => {
    const { confirmationId, token, invitation } = parseJobPayload('send_signup_confirmation_email', payload);
    await sendSignupConfirmationEmail(services, confirmationId, token, invitation);
  };
