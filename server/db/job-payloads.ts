/**
 * The payload of every graphile-worker task, declared once: the queueing code (job.queries.ts)
 * takes these types, so a job queued with a wrong payload does not compile, and each task parses
 * what it is given with the same schema, so a job that got into the queue some other way (an
 * older release, a hand-written row) fails with a message naming the task and the bad field.
 */
import { z } from 'zod';
import { jobPayloadInvalid } from '../errors.ts';

export const JOB_PAYLOADS = {
  plan_episode: z.object({ episodeId: z.uuid() }),
  generate_segment: z.object({
    segmentId: z.uuid(),
    autoApprove: z.boolean().default(false),
    attempt: z.number().int().min(1).default(1),
  }),
  analyze_segment: z.object({ segmentId: z.uuid(), autoApprove: z.boolean().default(false) }),
  compile_episode: z.object({ compilationJobId: z.uuid() }),
  // Queued by the crontab, whose payload carries only graphile-worker's own `_cron` details.
  purge_segment_files: z.object({}),
  prerender_transitions: z.object({ episodeId: z.uuid() }),
  propose_character_image: z.object({ requestId: z.uuid(), attempt: z.number().int().min(1).default(1) }),
  deliver_webhook: z.object({ webhookId: z.uuid(), eventId: z.uuid(), attempt: z.number().int().min(1).default(1) }),
  // The token is only in this payload (the invitation keeps its hash) until the mail is sent.
  // The mailbox proof likewise (absent from jobs queued before it existed).
  send_invitation_email: z.object({ invitationId: z.uuid(), token: z.string().regex(/^[a-z2-7]{32}$/), proof: z.string().regex(/^[a-z2-7]{32}$/).optional() }),
  send_inbox_digest: z.object({ userId: z.uuid() }),
  // The token is only in this payload (the pending sign-up keeps its hash) until the mail is sent.
  // `invitation`: the token of the invitation the sign-up came through, carried on in the link.
  send_signup_confirmation_email: z.object({ confirmationId: z.uuid(), token: z.string().regex(/^[a-z2-7]{32}$/), invitation: z.string().regex(/^[a-z2-7]{32}$/).optional() }),
  send_signup_attempt_email: z.object({ userId: z.uuid() }),
} as const;

export type TaskName = keyof typeof JOB_PAYLOADS;
/** What a task is queued with (defaults may be left out). */
export type JobPayload<T extends TaskName> = z.input<(typeof JOB_PAYLOADS)[T]>;
/** What a task runs with, once parsed. */
export type ParsedJobPayload<T extends TaskName> = z.output<(typeof JOB_PAYLOADS)[T]>;

declare global {
  // graphile-worker reads its task payload types from this interface (addJob, quickAddJob, Task).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace GraphileWorker {
    interface Tasks {
      plan_episode: JobPayload<'plan_episode'>;
      generate_segment: JobPayload<'generate_segment'>;
      analyze_segment: JobPayload<'analyze_segment'>;
      compile_episode: JobPayload<'compile_episode'>;
      purge_segment_files: JobPayload<'purge_segment_files'>;
      prerender_transitions: JobPayload<'prerender_transitions'>;
      propose_character_image: JobPayload<'propose_character_image'>;
      deliver_webhook: JobPayload<'deliver_webhook'>;
      send_invitation_email: JobPayload<'send_invitation_email'>;
      send_inbox_digest: JobPayload<'send_inbox_digest'>;
      send_signup_confirmation_email: JobPayload<'send_signup_confirmation_email'>;
      send_signup_attempt_email: JobPayload<'send_signup_attempt_email'>;
    }
  }
}

/**
 * Parses a job's payload with its task's schema. Throws a `job_payload_invalid` error naming the
 * task and every bad field; the task does nothing else, and graphile-worker records the message
 * on the job (delete the job, or queue it again with a payload of this shape).
 */
export function parseJobPayload<T extends TaskName>(task: T, payload: unknown): ParsedJobPayload<T> {
  const result = JOB_PAYLOADS[task].safeParse(payload);
  if (result.success) return result.data as ParsedJobPayload<T>;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ');
  throw jobPayloadInvalid(
    `The ${task} job's payload is malformed (${problems}): the job was not run; delete it, or queue it again with a payload of that shape.`,
    result.error,
  );
}
