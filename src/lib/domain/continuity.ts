/**
 * Words of the continuity graph shared by the database rows, the API and the pages: what a take
 * was made from, and why a take is out of date.
 */

/** What a take was made from. */
export const TAKE_INPUT_KINDS = ['character', 'reference_picture', 'location', 'previous_take', 'template'] as const;
export type TakeInputKind = (typeof TAKE_INPUT_KINDS)[number];

/** One reason a take is stale: which input moved on, and when. */
export interface StaleReason {
  kind: TakeInputKind;
  /** The character, scene or take that changed. */
  refId: string;
  /** "Mara's reference picture changed after this take was made". */
  message: string;
  /** When the input changed (ISO), when known. */
  changedAt: string | null;
}
