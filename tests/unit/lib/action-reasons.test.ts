/**
 * Why an action on a take cannot succeed in its state: the words shown beside a disabled control.
 */
import { describe, expect, it } from 'vitest';
import { actionReasons, nothingToRollBackTo, reasonLines, rollbackReason, type TakeState } from '../../../src/lib/action-reasons.ts';

const take = (state: Partial<TakeState> = {}): TakeState => ({
  status: 'completed',
  approval_status: 'pending',
  is_current: true,
  version: 1,
  previous_versions: [],
  can: { reopen: true },
  ...state,
});

describe('action reasons', () => {
  it('holds nothing back on a made, current take awaiting review', () => {
    expect(actionReasons(take())).toEqual({ approve: null, changes: null, reject: null, regenerate: null });
  });

  it('holds every decision and regeneration back while the take renders', () => {
    expect(actionReasons(take({ status: 'generating' }))).toEqual({
      approve: 'still rendering',
      changes: 'still rendering',
      reject: 'still rendering',
      regenerate: 'still rendering',
    });
    expect(actionReasons(take({ status: 'pending' }))).toEqual({
      approve: 'not made yet',
      changes: 'not made yet',
      reject: 'not made yet',
      regenerate: 'not made yet — start a generation run',
    });
  });

  it('lets a candidate beside an approved take be decided on while nobody has, but not regenerated', () => {
    const versions = [{ version: 1, is_current: true, status: 'completed', purged: false }];
    const candidate = take({ is_current: false, replaces_segment_id: 'approved-take', version: 2, previous_versions: versions });
    expect(actionReasons(candidate)).toEqual({
      approve: null,
      changes: null,
      reject: null,
      regenerate: 'a new take beside the approved one — decide on it; to try again, regenerate the stale takes once it is decided',
    });
    // Decided on (here sent back), it is an earlier take like any other.
    expect(actionReasons({ ...candidate, approval_status: 'rejected' }).approve).toBe('an earlier take — decisions are on the current take (take 1)');
    // Still rendering, it cannot be decided on yet.
    expect(actionReasons({ ...candidate, status: 'generating' }).approve).toBe('still rendering');
  });

  it('holds every action on a take being voted on, and treats one the vote passed over as an earlier take', () => {
    const voting = 'one of several takes being voted on — compare them and vote; decisions come once the vote closes';
    expect(actionReasons(take({ choice_state: 'contending' }))).toEqual({ approve: voting, changes: voting, reject: voting, regenerate: voting });
    const versions = [{ version: 1, is_current: true, status: 'completed', purged: false }];
    const passed = take({ is_current: false, replaces_segment_id: 'approved-take', choice_state: 'passed_over', version: 3, previous_versions: versions });
    expect(actionReasons(passed).approve).toBe('an earlier take — decisions are on the current take (take 1)');
    // The winner beside an approved take is decided on like any candidate.
    expect(actionReasons({ ...passed, choice_state: 'chosen' }).approve).toBeNull();
  });

  it('lets a failed take be regenerated but not decided on', () => {
    expect(actionReasons(take({ status: 'failed' }))).toMatchObject({ approve: 'the take failed — regenerate it', regenerate: null });
  });

  it('asks for a reopening before an approved take is regenerated, naming who can', () => {
    expect(actionReasons(take({ approval_status: 'approved' }))).toMatchObject({ approve: null, regenerate: 'approved — reopen it first' });
    expect(actionReasons(take({ approval_status: 'approved', can: { reopen: false } })).regenerate).toBe('approved — an editor or owner reopens it first');
  });

  it('sends decisions on an earlier take to the current one', () => {
    const earlier = take({ is_current: false, version: 1, previous_versions: [{ version: 2, is_current: true, status: 'completed', purged: false }] });
    expect(actionReasons(earlier)).toEqual({
      approve: 'an earlier take — decisions are on the current take (take 2)',
      changes: 'an earlier take — decisions are on the current take (take 2)',
      reject: 'an earlier take — decisions are on the current take (take 2)',
      regenerate: 'an earlier take — regenerate the current take (take 2), or make this one current first',
    });
  });
});

describe('rollback reasons', () => {
  const v1 = { version: 1, is_current: false, status: 'completed', purged: false };

  it('has nothing to roll back to with one take', () => {
    expect(nothingToRollBackTo(take())).toBe('only one take so far — nothing to roll back to');
    expect(nothingToRollBackTo(take({ version: 2, previous_versions: [v1] }))).toBeNull();
  });

  it('rolls back to a made take while the current one is not rendering', () => {
    expect(rollbackReason(take({ version: 2, previous_versions: [v1] }), v1)).toBeNull();
    expect(rollbackReason(take({ version: 2, status: 'generating', previous_versions: [v1] }), v1)).toBe('the current take is still rendering');
  });

  it('says when the take to go back to has no video', () => {
    expect(rollbackReason(take({ version: 2, previous_versions: [] }), { ...v1, purged: true })).toBe('its files were removed');
    expect(rollbackReason(take({ version: 2, previous_versions: [] }), { ...v1, status: 'failed' })).toBe('it has no video (failed)');
  });

  it('reads the current take from the slot when the page shows an earlier one', () => {
    const v2 = { version: 2, is_current: true, status: 'generating', purged: false };
    const v3 = { version: 3, is_current: false, status: 'completed', purged: false };
    expect(rollbackReason(take({ is_current: false, previous_versions: [v2, v3] }), v3)).toBe('the current take is still rendering');
  });
});

describe('reason lines', () => {
  it('shows one line per distinct reason, naming the actions it holds back', () => {
    const reasons = { approve: 'still rendering', changes: 'still rendering', reject: 'still rendering', regenerate: null };
    expect(reasonLines(reasons, ['approve', 'changes', 'reject', 'regenerate'])).toEqual([
      { reason: 'still rendering', actions: ['approve', 'changes', 'reject'], text: 'Approve, Ask for changes, Reject: still rendering' },
    ]);
    const approved = { approve: null, changes: null, reject: null, regenerate: 'approved — reopen it first' };
    expect(reasonLines(approved, ['approve', 'regenerate']).map((line) => line.text)).toEqual(['Regenerate: approved — reopen it first']);
    // An action not on the form is not listed.
    expect(reasonLines(approved, ['approve'])).toEqual([]);
  });
});
