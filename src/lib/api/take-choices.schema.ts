/**
 * Takes to choose from: asking for several takes of a shot, voting on them, closing the vote, and
 * the choice as the API shows it (provider, seed, version and who voted left out while a blind
 * vote is open).
 */
import { z } from 'zod';
import type { ApprovalStatus, SegmentStatus } from '../domain/enums.ts';
import { MAX_TAKES } from '../domain/take-choice.ts';
import { generationChanges } from './segments.schema.ts';

export const makeTakesBody = z.strictObject({
  /** How many takes, each with its own seed: 1 is one new take; 2–4 open a vote among them. */
  count: z.number().int('count must be a whole number').min(1, 'ask for 1 to 4 takes').max(MAX_TAKES, 'ask for 1 to 4 takes'),
  /** Provider, seed and who voted stay hidden until the vote closes. */
  blind: z.boolean().default(false),
  /** Changes every take is made with (a seed given is the first take's; the others get the next ones). */
  changes: generationChanges.default({}),
});

export const voteBody = z.strictObject({ segment_id: z.uuid() });

export const closeChoiceBody = z.strictObject({
  /** The winner, named by whoever closes the vote; left out, the take with the most votes wins. */
  segment_id: z.uuid().optional(),
});

export const choiceParam = z.object({ choiceId: z.uuid('not a choice id') });

export interface TakeChoiceTakeDto {
  /** The letter the take is shown under (A–D). */
  label: string;
  segment_id: string;
  status: SegmentStatus;
  approval_status: ApprovalStatus;
  progress: number;
  video_url: string | null;
  thumbnail_url: string | null;
  duration: number | null;
  quality_score: number | null;
  consistency_score: number | null;
  error_message: string | null;
  is_current: boolean;
  outcome: 'contending' | 'chosen' | 'passed_over';
  /** Hidden (null) while a blind vote is open. */
  version: number | null;
  provider: string | null;
  seed: number | null;
  votes: number | null;
  voters: string[] | null;
}

export interface TakeChoiceDto {
  id: string;
  episode_id: string;
  shot_id: string;
  segment_number: number;
  blind: boolean;
  status: 'open' | 'closed';
  /** Whether provider, seed, versions and voters are shown (always, except while a blind vote is open). */
  revealed: boolean;
  requested_by_name: string;
  created_at: string;
  closed_at: string | null;
  closed_by_name: string | null;
  closed_how: 'votes' | 'editor' | 'none' | null;
  winner_segment_id: string | null;
  /** Every take has finished rendering (made or failed): the vote can close. */
  rendered: boolean;
  votes_cast: number;
  /** The caller's own vote (a take id), if any. */
  my_vote: string | null;
  takes: TakeChoiceTakeDto[];
}

export interface MadeTakesDto {
  /** The vote among the takes; null when one take was asked for. */
  choice: TakeChoiceDto | null;
  takes: { segment_id: string; version: number; seed: number; is_current: boolean; queued: boolean }[];
}
