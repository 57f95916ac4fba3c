import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { runCharacterImageRequest } from '../../commands/character-images.ts';
import type { Services } from '../../commands/services.ts';

const payloadSchema = z.object({ requestId: z.uuid(), attempt: z.number().int().min(1).default(1) });

/** `propose_character_image`: asks an image model for a picture of a character. */
export const proposeCharacterImageTask =
  (services: Services): Task =>
  async (payload) => {
    const { requestId, attempt } = payloadSchema.parse(payload);
    await runCharacterImageRequest(services, requestId, attempt);
  };
