/**
 * The approval rules, case by case: each expected outcome is written out by hand from the rule's
 * definition in the README (Team review), not computed.
 */
import { describe, expect, it } from 'vitest';
import { awaitedDeciders, type DecisionFact, describeRule, evaluateRule } from '../../../src/lib/domain/approval-rules.ts';

const DIRECTOR = '00000000-0000-4000-8000-00000000000d';
const PRODUCER = '00000000-0000-4000-8000-00000000000f';
const ANA = '00000000-0000-4000-8000-00000000000a';
const BEN = '00000000-0000-4000-8000-00000000000b';
const NAMES: Record<string, string> = { [DIRECTOR]: 'Dora', [PRODUCER]: 'Pia', [ANA]: 'Ana', [BEN]: 'Ben' };
const nameOf = (id: string) => NAMES[id] ?? id;

const by = (userId: string, decision: DecisionFact['decision'], role: DecisionFact['role'] = 'reviewer'): DecisionFact => ({ reviewer: userId, userId, role, decision });
const guest = (decision: DecisionFact['decision']): DecisionFact => ({ reviewer: 'guest:link:Gus', userId: null, role: 'reviewer', decision });

describe('approval rules', () => {
  it('any: one approval approves, whatever else was said', () => {
    expect(evaluateRule({ kind: 'any' }, [])).toEqual({ status: 'pending', approvals: 0, needed: 1, awaiting: ['1 more approval'] });
    expect(evaluateRule({ kind: 'any' }, [by(ANA, 'reject'), by(BEN, 'approve')])).toMatchObject({ status: 'approved', approvals: 1 });
    expect(evaluateRule({ kind: 'any' }, [by(ANA, 'changes_requested')])).toMatchObject({ status: 'needs_revision' });
    expect(evaluateRule({ kind: 'any' }, [by(ANA, 'changes_requested'), by(BEN, 'reject')])).toMatchObject({ status: 'rejected' });
  });

  it('count: N approvals and nobody against', () => {
    const rule = { kind: 'count', count: 2 } as const;
    expect(evaluateRule(rule, [by(ANA, 'approve')])).toEqual({ status: 'pending', approvals: 1, needed: 2, awaiting: ['1 more approval'] });
    expect(evaluateRule(rule, [by(ANA, 'approve'), guest('approve')])).toEqual({ status: 'approved', approvals: 2, needed: 2, awaiting: [] });
    expect(evaluateRule(rule, [by(ANA, 'approve'), by(BEN, 'approve'), guest('changes_requested')])).toEqual({ status: 'needs_revision', approvals: 2, needed: 2, awaiting: [] });
    expect(evaluateRule(rule, [by(ANA, 'approve'), by(BEN, 'reject')])).toMatchObject({ status: 'rejected', approvals: 1 });
  });

  it('all: every listed approver', () => {
    const rule = { kind: 'all', approvers: [ANA, BEN] } as const;
    expect(evaluateRule(rule, [by(ANA, 'approve'), guest('approve')], nameOf)).toEqual({ status: 'pending', approvals: 1, needed: 2, awaiting: ['Ben'] });
    expect(evaluateRule(rule, [by(ANA, 'approve'), by(BEN, 'approve')], nameOf)).toEqual({ status: 'approved', approvals: 2, needed: 2, awaiting: [] });
  });

  it('required: the named people, a holder of each named role, and N others', () => {
    const rule = { kind: 'required', users: [DIRECTOR], roles: ['editor'], others: 1 } as const;
    expect(evaluateRule(rule, [], nameOf)).toEqual({ status: 'pending', approvals: 0, needed: 3, awaiting: ['Dora', 'an editor', '1 more approval'] });
    // The director alone fills one place.
    expect(evaluateRule(rule, [by(DIRECTOR, 'approve', 'owner')], nameOf)).toEqual({ status: 'pending', approvals: 1, needed: 3, awaiting: ['an editor', '1 more approval'] });
    // An editor who is also the named director counts once: the editor place stays open.
    expect(evaluateRule({ kind: 'required', users: [DIRECTOR], roles: ['editor'], others: 0 }, [by(DIRECTOR, 'approve', 'editor')], nameOf)).toMatchObject({ status: 'approved' });
    expect(evaluateRule(rule, [by(DIRECTOR, 'approve', 'owner'), by(BEN, 'approve', 'editor'), guest('approve')], nameOf)).toEqual({ status: 'approved', approvals: 3, needed: 3, awaiting: [] });
    // Two reviewers approving do not stand in for the director.
    expect(evaluateRule(rule, [by(ANA, 'approve'), by(BEN, 'approve', 'editor'), guest('approve')], nameOf)).toEqual({ status: 'pending', approvals: 2, needed: 3, awaiting: ['Dora'] });
    expect(evaluateRule(rule, [by(DIRECTOR, 'reject', 'owner'), by(BEN, 'approve', 'editor'), guest('approve')], nameOf)).toMatchObject({ status: 'rejected' });
  });

  it('says each rule in a sentence', () => {
    expect(describeRule({ kind: 'any' })).toBe('One approval approves a take');
    expect(describeRule({ kind: 'count', count: 2 })).toBe('2 approvals, and nobody asking for changes');
    expect(describeRule({ kind: 'all', approvers: [ANA, BEN] }, nameOf)).toBe('Every one of Ana, Ben approves');
    expect(describeRule({ kind: 'required', users: [DIRECTOR, PRODUCER], roles: ['editor'], others: 2 }, nameOf)).toBe('Approval by Dora, Pia, an editor, 2 others');
  });
});

describe('initials', () => {
  it('takes the letters of the first and last word, or the first two of one word', async () => {
    const { initials } = await import('../../../src/lib/decision-words.ts');
    expect(initials('Dana Director')).toBe('DD');
    expect(initials('Gus (guest)')).toBe('GG');
    expect(initials('Ana')).toBe('AN');
    expect(initials('Ōno Yōko')).toBe('ŌY');
  });
});

describe('awaitedDeciders', () => {
  const team = [
    { userId: 'olga', role: 'owner' as const },
    { userId: 'eddie', role: 'editor' as const },
    { userId: 'rita', role: 'reviewer' as const },
    { userId: 'vic', role: 'viewer' as const },
  ];

  it('waits for everyone who may decide when any approval counts, never for viewers', () => {
    expect(awaitedDeciders({ kind: 'any' }, team).sort()).toEqual(['eddie', 'olga', 'rita']);
    expect(awaitedDeciders({ kind: 'count', count: 2 }, team).sort()).toEqual(['eddie', 'olga', 'rita']);
  });

  it('waits only for the named approvers, and not for a named viewer', () => {
    expect(awaitedDeciders({ kind: 'all', approvers: ['rita', 'vic'] }, team)).toEqual(['rita']);
  });

  it('waits for named people and role holders, and for everyone when others are needed too', () => {
    expect(awaitedDeciders({ kind: 'required', users: ['rita'], roles: ['editor'], others: 0 }, team).sort()).toEqual(['eddie', 'rita']);
    expect(awaitedDeciders({ kind: 'required', users: ['rita'], roles: [], others: 1 }, team).sort()).toEqual(['eddie', 'olga', 'rita']);
  });
});
