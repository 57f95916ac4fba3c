import type { Task } from 'graphile-worker';
import { runCharacterImageRequest } from '../../commands/character-images.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `propose_character_image`: asks an image model for a picture of a character. */
export const proposeCharacterImageTask =
  (services: Services): Task =>
  async (payload) => {
    const { requestId, attempt } = parseJobPayload('propose_character_image', payload);
    await runCharacterImageRequest(services, requestId, attempt);
  };
