/**
 * What a language model is asked to return when planning, in two steps: first the story and its
 * characters, then the scenes and shots. The schemas are sent to the model (as JSON schema) and
 * every answer is validated against them before it becomes a plan.
 */
import { z } from 'zod';
import { CAMERA_MOVES } from '../../../src/lib/domain/enums.ts';

export const storyStepSchema = z.object({
  title: z.string().min(1).max(120).describe('Short title of the episode'),
  logline: z.string().min(1).max(400).describe('One sentence: who wants what, and what stands in the way'),
  story: z.string().min(1).max(6000).describe('The story in 3 to 6 short paragraphs separated by blank lines'),
  characters: z
    .array(
      z.object({
        name: z.string().min(1).max(60),
        description: z.string().min(1).max(600).describe('Who they are and what they want'),
        visual_traits: z
          .array(z.string().min(1).max(120))
          .min(2)
          .max(6)
          .describe('Fixed visual traits that never change between shots: species or build, hair, clothes, colours, props'),
      }),
    )
    .min(1)
    .max(8),
});
export type StoryStep = z.infer<typeof storyStepSchema>;

export const shotsStepSchema = z.object({
  scenes: z
    .array(
      z.object({
        heading: z.string().min(1).max(120).describe('Screenplay heading, e.g. "EXT. TOKYO ALLEY - NIGHT"'),
        location: z.string().min(1).max(80).describe('Short place name'),
        location_description: z.string().min(1).max(600).describe('What the place looks like, repeated for every shot in it'),
        time_of_day: z.string().min(1).max(40),
        summary: z.string().min(1).max(600),
        shots: z
          .array(
            z.object({
              prompt: z.string().min(1).max(1500).describe('What the shot shows, written for a video model: subject, action, framing'),
              camera: z.enum(CAMERA_MOVES),
              camera_note: z.string().max(300),
              duration: z.number().min(1).max(60).describe('Seconds, 3 to 8'),
              characters: z.array(z.string().min(1).max(60)).max(8).describe('Names of the characters visible in the shot'),
              dialogue: z.array(z.object({ character: z.string().min(1).max(60), line: z.string().min(1).max(400) })).max(6),
            }),
          )
          .min(1)
          .max(12),
      }),
    )
    .min(1)
    .max(20),
});
export type ShotsStep = z.infer<typeof shotsStepSchema>;
