/**
 * Why a take is stale, input by input: each kind of change gives its own sentence, and an input that
 * has not moved on gives none. The expected sentences are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { staleReason, staleReasonsByTake, withSentPictures } from '../../../server/commands/continuity.ts';
import type { InputOfTake, InputsNow } from '../../../server/db/queries/continuity.queries.ts';
import type { Character, VideoSegment } from '../../../server/db/schema.ts';

const changedAt = new Date('2026-12-01T10:00:00Z');
const now: InputsNow = {
  characters: [
    { id: 'c-mara', key: 'mara', name: 'Mara', looks_version: 3, looks_changed_at: changedAt, reference_asset_id: 'a-2', reference_changed_at: changedAt },
    { id: 'c-bo', key: 'bo', name: 'Bo', looks_version: 1, looks_changed_at: null, reference_asset_id: null, reference_changed_at: null },
  ],
  scenes: [{ id: 's-1', scene_number: 1, location: 'HARBOUR', set_version: 2, set_changed_at: changedAt }],
  takes: [
    { id: 't-old', shot_id: 'shot-1', version: 1, is_current: false, approval_status: 'approved', status: 'completed', replaced_at: changedAt, shot_number: 1 },
    { id: 't-now', shot_id: 'shot-2', version: 4, is_current: true, approval_status: 'approved', status: 'completed', replaced_at: changedAt, shot_number: 2 },
  ],
};

const input = (fields: Partial<InputOfTake>): InputOfTake => ({
  segment_id: 'take',
  shot_id: 'shot-9',
  version_of_take: 1,
  kind: 'character',
  ref_id: 'c-mara',
  version: 3,
  asset_id: null,
  label: 'Mara',
  sent: true,
  ...fields,
});

const message = (fields: Partial<InputOfTake>) => staleReason(input(fields), now)?.message;

describe('why a take is stale', () => {
  it('names the character whose looks changed, and not one whose looks did not', () => {
    expect(message({ kind: 'character', ref_id: 'c-mara', version: 2 })).toBe("Mara's looks changed after this take was made");
    expect(message({ kind: 'character', ref_id: 'c-mara', version: 3 })).toBeUndefined();
    expect(message({ kind: 'character', ref_id: 'c-bo', version: 1, label: 'Bo' })).toBeUndefined();
    expect(message({ kind: 'character', ref_id: 'c-gone', version: 1, label: 'Ines' })).toBe('Ines is no longer in the cast');
    expect(staleReason(input({ kind: 'character', ref_id: 'c-mara', version: 2 }), now)?.changedAt).toBe('2026-12-01T10:00:00.000Z');
  });

  it('tells a new, a changed and a removed reference picture apart', () => {
    expect(message({ kind: 'reference_picture', ref_id: 'c-mara', asset_id: null })).toBe('Mara was given a reference picture after this take was made');
    expect(message({ kind: 'reference_picture', ref_id: 'c-mara', asset_id: 'a-1' })).toBe("Mara's reference changed after this take was made");
    expect(message({ kind: 'reference_picture', ref_id: 'c-mara', asset_id: 'a-2' })).toBeUndefined();
    expect(message({ kind: 'reference_picture', ref_id: 'c-bo', asset_id: 'a-7' })).toBe("Bo's reference picture was removed after this take was made");
    expect(message({ kind: 'reference_picture', ref_id: 'c-bo', asset_id: null })).toBeUndefined();
  });

  it('names the set that changed', () => {
    expect(message({ kind: 'location', ref_id: 's-1', version: 1, label: 'HARBOUR' })).toBe('The set of scene 1 (HARBOUR) changed after this take was made');
    expect(message({ kind: 'location', ref_id: 's-1', version: 2, label: 'HARBOUR' })).toBeUndefined();
  });

  it('says when the take it continued from was replaced, and not while it is still current', () => {
    expect(message({ kind: 'previous_take', ref_id: 't-old', version: 1, label: 'shot 1' })).toBe('The take of shot 1 it continued from (v1) was replaced');
    expect(message({ kind: 'previous_take', ref_id: 't-now', version: 4, label: 'shot 2' })).toBeUndefined();
  });

  it('never marks a take stale for a template edited after', () => {
    expect(message({ kind: 'template', ref_id: 'tpl', version: 1, label: 'Blue hour' })).toBeUndefined();
  });

  it('gathers every reason of a take, and leaves out takes with none', () => {
    const byTake = staleReasonsByTake(
      [
        input({ segment_id: 'a', kind: 'character', ref_id: 'c-mara', version: 1 }),
        input({ segment_id: 'a', kind: 'location', ref_id: 's-1', version: 1 }),
        input({ segment_id: 'b', kind: 'character', ref_id: 'c-bo', version: 1, label: 'Bo' }),
      ],
      now,
    );
    expect([...byTake.keys()]).toEqual(['a']);
    expect(byTake.get('a')!.map((reason) => reason.kind)).toEqual(['character', 'location']);
  });
});

describe('what a take was sent', () => {
  const characters = [{ id: 'c-mara', key: 'mara' }, { id: 'c-bo', key: 'bo' }] as Character[];
  const base = [
    { kind: 'reference_picture' as const, ref_id: 'c-mara', version: null, asset_id: 'a-2', label: 'Mara', sent: false },
    { kind: 'reference_picture' as const, ref_id: 'c-bo', version: null, asset_id: null, label: 'Bo', sent: false },
  ];

  it('marks the pictures the provider took, and adds the take it continued from', () => {
    const previous = { id: 't-old', version: 1, segment_number: 1 } as VideoSegment;
    const sent = withSentPictures(base, characters, {
      references: { characters: [{ role: 'character', characterKey: 'mara', path: '/x.png', mimeType: 'image/png', source: 'k' }] },
      continuedFrom: previous,
    });
    expect(sent.map((entry) => [entry.kind, entry.ref_id, entry.sent])).toEqual([
      ['reference_picture', 'c-mara', true],
      ['reference_picture', 'c-bo', false],
      ['previous_take', 't-old', true],
    ]);
    expect(sent[2]).toMatchObject({ version: 1, label: 'shot 1' });
  });

  it('sends nothing to a provider that takes no pictures', () => {
    expect(withSentPictures(base, characters, { references: undefined, continuedFrom: undefined })).toEqual(base);
  });
});
