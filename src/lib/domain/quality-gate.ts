/**
 * The quality gate of an episode: a take whose quality score, or whose consistency with its
 * references, is below the episode's threshold is made again with a new seed before anyone is asked
 * to review it, up to `max_retries` times. What the gate did is recorded on each take it looked at
 * (`TakeGateRecord`) and said in one sentence on the card (`describeGate`).
 */

/** How many automatic retries an episode may allow per take. */
export const MAX_GATE_RETRIES = 5;

export interface QualityGateSettings {
  enabled: boolean;
  /** 0–1; null: quality is not checked. */
  min_quality: number | null;
  /** 0–1; null: consistency is not checked. A take with nothing to compare with passes. */
  min_consistency: number | null;
  /** 1–MAX_GATE_RETRIES. */
  max_retries: number;
}

export const DEFAULT_QUALITY_GATE: QualityGateSettings = { enabled: false, min_quality: null, min_consistency: null, max_retries: 2 };

/** One take the gate measured. */
export interface GateTry {
  segment_id: string;
  version: number;
  quality: number | null;
  consistency: number | null;
}

/**
 * - `pending`: a retry the gate asked for, not measured yet
 * - `retried`: below a threshold; another take was made in its place
 * - `passed`: met the thresholds (after `earlier` failed ones, if any)
 * - `gave_up`: the retries were spent; this was the best of the tries and is kept for review
 * - `not_kept`: the last try, worse than an earlier one the gate kept
 * - `stopped`: another take would pass the budget or the run's cap (`reason`); this was the best
 *   of the tries and is kept for review
 */
export type GateOutcome = 'pending' | 'retried' | 'passed' | 'gave_up' | 'not_kept' | 'stopped';

export interface TakeGateRecord {
  outcome: GateOutcome;
  /** The tries before this take that the gate failed, oldest first. */
  earlier: GateTry[];
  /** The thresholds this take was held to (null until measured). */
  min_quality: number | null;
  min_consistency: number | null;
  /** This take's own scores, once measured. */
  self?: GateTry;
  /** Why the gate stopped (`stopped`), in words. */
  reason?: string;
}

type Thresholds = Pick<QualityGateSettings, 'min_quality' | 'min_consistency'>;

/** Which measures of a try are below the thresholds (an unmeasured one never is). */
export function shortfalls(tried: Pick<GateTry, 'quality' | 'consistency'>, gate: Thresholds): ('quality' | 'consistency')[] {
  const below: ('quality' | 'consistency')[] = [];
  if (gate.min_quality !== null && tried.quality !== null && tried.quality < gate.min_quality) below.push('quality');
  if (gate.min_consistency !== null && tried.consistency !== null && tried.consistency < gate.min_consistency) below.push('consistency');
  return below;
}

/** How far a try falls short of the thresholds in all (0 when it meets them): the best try falls shortest. */
export function shortfallOf(tried: Pick<GateTry, 'quality' | 'consistency'>, gate: Thresholds): number {
  const quality = gate.min_quality !== null && tried.quality !== null ? Math.max(0, gate.min_quality - tried.quality) : 0;
  const consistency = gate.min_consistency !== null && tried.consistency !== null ? Math.max(0, gate.min_consistency - tried.consistency) : 0;
  return quality + consistency;
}

/** The best of the tries: the one that falls shortest, the latest of equals. */
export function bestTry(tries: readonly GateTry[], gate: Thresholds): GateTry | undefined {
  let best: GateTry | undefined;
  for (const tried of tries) if (!best || shortfallOf(tried, gate) <= shortfallOf(best, gate)) best = tried;
  return best;
}

const score = (value: number) => value.toFixed(2);
const TIMES = ['', 'once', 'twice'];
const times = (count: number) => TIMES[count] ?? `${count} times`;
const listed = (values: readonly string[]) => (values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`);

/** "quality 0.41 and 0.48 were below 0.60; consistency 0.30 was below 0.50" for the tries that failed. */
function belowText(tries: readonly GateTry[], gate: Thresholds): string {
  const parts: string[] = [];
  for (const measure of ['quality', 'consistency'] as const) {
    const threshold = measure === 'quality' ? gate.min_quality : gate.min_consistency;
    const values = tries.filter((tried) => shortfalls(tried, gate).includes(measure)).map((tried) => score(tried[measure]!));
    if (threshold !== null && values.length > 0) parts.push(`${measure} ${listed(values)} ${values.length === 1 ? 'was' : 'were'} below ${score(threshold)}`);
  }
  return parts.join('; ');
}

/**
 * What the gate did for a take, in one sentence for its card and page; null when the gate did not
 * look at it or passed it at the first try.
 */
export function describeGate(record: TakeGateRecord | null | undefined): string | null {
  if (!record) return null;
  const retries = record.earlier.length;
  const all = (record.self ? [...record.earlier, record.self] : [...record.earlier]).sort((a, b) => a.version - b.version);
  switch (record.outcome) {
    case 'pending':
      return retries > 0 ? `Quality gate: try ${retries + 1}, after ${belowText(record.earlier, record)}.` : null;
    case 'passed':
      return retries > 0 ? `Regenerated ${times(retries)} by the quality gate: ${belowText(record.earlier, record)}.` : null;
    case 'retried':
      return `Failed the quality gate (${belowText(record.self ? [record.self] : [], record)}); another take was made in its place.`;
    case 'gave_up':
      return `Quality gate gave up after ${all.length} tries (${belowText(all, record)}); the best, version ${record.self?.version ?? '?'}, is kept.`;
    case 'not_kept':
      return `The quality gate kept an earlier, better try instead of this one (${belowText(record.self ? [record.self] : [], record)}).`;
    case 'stopped':
      return `Quality gate stopped after ${all.length === 1 ? 'the first try' : `${all.length} tries`} (${belowText(all, record)}): ${record.reason ?? 'no budget left.'} The best, version ${record.self?.version ?? '?'}, is kept.`;
  }
}
