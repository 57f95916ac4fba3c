import type { Task } from 'graphile-worker';
import { sendInvitationEmail } from '../../commands/invitations.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `send_invitation_email`: emails an invitation's link; a mail server that is down fails the job, which graphile-worker retries with backoff. */
export const sendInvitationEmailTask =
  (services: Services): Task =>
  async (payload) => {
    const { invitationId, token, proof } = parseJobPayload('send_invitation_email', payload);
    await sendInvitationEmail(services, invitationId, token, proof);
  };
