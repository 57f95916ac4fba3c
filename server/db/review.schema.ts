/**
 * Row types of the tables about reviewing takes (review actions, each reviewer's standing
 * decision, notes on frames and their edits), as Kysely sees them; re-exported by schema.ts, whose
 * `DB` lists every table.
 */
import type { Generated } from 'kysely';
import type { ReviewAction, TakeDecision } from '../../src/lib/domain/enums.ts';
import type { Json, NullableTimestamp, Timestamp } from './column-types.ts';

export interface SegmentReviewsTable {
  id: Generated<string>;
  segment_id: string;
  episode_id: string;
  reviewer_id: string | null;
  reviewer_name: string;
  action: ReviewAction;
  rating: number | null;
  feedback: string | null;
  suggested_changes: Json<Record<string, unknown> | null> | null;
  share_link_id: string | null;
  created_at: Timestamp;
}

export interface TakeDecisionsTable {
  id: Generated<string>;
  segment_id: string;
  episode_id: string;
  /** A user id, `guest:<share link>:<name>`, or `system:<name>`. */
  reviewer_key: string;
  reviewer_id: string | null;
  reviewer_name: string;
  share_link_id: string | null;
  decision: TakeDecision;
  rating: number | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Set when the take was reopened: kept, no longer counted. */
  superseded_at: NullableTimestamp;
}

export interface TakeNotesTable {
  id: Generated<string>;
  episode_id: string;
  /** The take (segment version) the note was made on. */
  segment_id: string;
  shot_id: string;
  /** The thread's first note; null on that first note. */
  parent_id: string | null;
  /** A user id or `guest:<share link>:<name>`. */
  author_key: string;
  author_user_id: string | null;
  author_name: string;
  author_color: string;
  body: string;
  /** Both null for the whole take. */
  frame_in: number | null;
  frame_out: number | null;
  /** Vector shapes relative to the picture (src/lib/api/notes.schema.ts, noteDrawing). */
  drawing: Json<Record<string, unknown> | null> | null;
  mentions: Generated<string[]>;
  resolved_at: NullableTimestamp;
  resolved_by_name: string | null;
  deleted_at: NullableTimestamp;
  edited_at: NullableTimestamp;
  /** The later take made to answer this note. */
  addressed_by_segment_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TakeNoteEditsTable {
  id: Generated<string>;
  note_id: string;
  body: string;
  /** Vector shapes relative to the picture (src/lib/api/notes.schema.ts, noteDrawing). */
  drawing: Json<Record<string, unknown> | null> | null;
  edited_by: string;
  edited_at: Timestamp;
}

/** Takes to choose from: several takes of one shot, voted on (take-choices.ts). */
export interface TakeChoicesTable {
  id: Generated<string>;
  episode_id: string;
  shot_id: string;
  /** Provider, seed and who voted hidden until the vote closes. */
  blind: Generated<boolean>;
  status: Generated<TakeChoiceStatus>;
  requested_by: string | null;
  requested_by_name: string;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  closed_by_name: string | null;
  winner_segment_id: string | null;
  closed_how: TakeChoiceClosing | null;
}

export interface TakeVotesTable {
  choice_id: string;
  episode_id: string;
  shot_id: string;
  /** A user id, or `guest:<share link>:<name>`. */
  voter_key: string;
  voter_id: string | null;
  voter_name: string;
  segment_id: string;
  voted_at: Timestamp;
}

export type TakeChoiceStatus = 'open' | 'closed';
/** Where a take stands in its choice: in the vote, then chosen or passed over. */
export type TakeChoiceState = 'contending' | 'chosen' | 'passed_over';
/** How the winner was found: most votes, named by whoever closed it, or none (every take failed). */
export type TakeChoiceClosing = 'votes' | 'editor' | 'none';
