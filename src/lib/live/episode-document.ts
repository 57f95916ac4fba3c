/**
 * The live document of an episode (`episode/<id>`): a Yjs projection of the episode's rows in
 * Postgres, written only by the server and read by every page and client. This module is its one
 * layout: the reader pages use, and the writer the server projects with. Its typed shape is
 * src/lib/domain/live-episode.ts (re-exported here), which the database layer builds.
 *
 * Layout. Four top-level Y.Maps hold flat keys with plain (JSON) values, never nested Yjs types:
 *
 *   episode   id, title, logline, status, error, width, height, fps, videoProvider, updatedAt, activity, membership,
 *             qualityGate ({ enabled, min_quality, min_consistency, max_retries }), order (slot numbers in compile order)
 *   slots     "<slot>/<field>"           one field of the slot's current take (see LiveSlot)
 *             "<slot>/decision/<reviewer>" { name, decision, rating } — each reviewer's standing decision
 *             "<slot>/notes"             { open, total, revision, latest } — the shot's note threads in short
 *   jobs      "<id>/<field>"             generation runs and compiles (see LiveJob)
 *   outputs   "<id>/<field>"             finished compiles (see LiveOutput)
 *
 * Why flat: a change rewrites only the keys that changed, so a rating is an update of tens of
 * bytes; and two server processes projecting the same change concurrently (scale-out) set the same
 * keys to the same values, which Yjs merges into the same document whatever the order.
 */
import type * as Y from 'yjs';
import { TAKE_DECISIONS } from '../domain/enums.ts';
import { DEFAULT_QUALITY_GATE, type QualityGateSettings } from '../domain/quality-gate.ts';
import { type LiveCandidate, type LiveChoice, type LiveDecision, type LiveEpisode, type LiveJob, type LiveNotes, type LiveOutput, type LiveRating, type LiveSlot, NO_NOTES } from '../domain/live-episode.ts';

export const LIVE_DOCUMENT_PREFIX = 'episode/';

export function liveDocumentName(episodeId: string): string {
  return `${LIVE_DOCUMENT_PREFIX}${episodeId}`;
}

export type { LiveEpisode, LiveJob, LiveSlot };

type Flat = Map<string, unknown>;
const MAPS = ['episode', 'slots', 'jobs', 'outputs'] as const;
type MapName = (typeof MAPS)[number];

/** Field names of a slot stored as `<slot>/<field>` (decisions, with their ratings, are stored per reviewer). */
const SLOT_FIELDS = [
  'shotId', 'sceneNumber', 'numberInScene', 'heading', 'segmentId', 'version', 'versions', 'status', 'approval', 'progress',
  'thumbnailUrl', 'videoUrl', 'duration', 'qualityScore', 'consistencyScore', 'error', 'errorKind', 'ratingCount', 'ratingMean', 'approvals', 'approvalsNeeded', 'notes',
  'template', 'stale', 'candidate', 'gate', 'choice',
] as const satisfies readonly (keyof LiveSlot)[];
const JOB_FIELDS = ['kind', 'status', 'progress', 'error', 'updatedAt', 'paused'] as const satisfies readonly (keyof LiveJob)[];
const OUTPUT_FIELDS = ['videoUrl', 'duration', 'transition', 'completedAt', 'outOfDate', 'changes'] as const satisfies readonly (keyof LiveOutput)[];

/**
 * The flat key/value form of a live episode, one map per top-level Y.Map; with `onlySlots`, the
 * slots map holds those slots' keys only.
 */
export function flattenLiveEpisode(live: LiveEpisode, onlySlots?: SlotScope): Record<MapName, Flat> {
  const episode: Flat = new Map(Object.entries(live.episode));
  episode.set('order', live.order);
  const slots: Flat = new Map();
  for (const slot of live.slots) {
    if (onlySlots && !onlySlots.has(slot.slot)) continue;
    for (const field of SLOT_FIELDS) slots.set(`${slot.slot}/${field}`, slot[field]);
    for (const decision of slot.decisions) {
      slots.set(`${slot.slot}/decision/${decision.reviewer}`, { name: decision.name, decision: decision.decision, rating: decision.rating });
    }
  }
  const jobs: Flat = new Map();
  for (const job of live.jobs) for (const field of JOB_FIELDS) jobs.set(`${job.id}/${field}`, job[field]);
  const outputs: Flat = new Map();
  for (const output of live.outputs) for (const field of OUTPUT_FIELDS) outputs.set(`${output.id}/${field}`, output[field]);
  return { episode, slots, jobs, outputs };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Slots to write when not all may have changed: slot number → the reviewers whose decisions the
 * document showed for it before (their keys are deleted unless still wanted).
 */
export type SlotScope = ReadonlyMap<number, readonly string[]>;

/**
 * Makes `doc` show `live`, changing only the keys whose values differ (and deleting keys that are
 * gone), in one transaction with `origin`. With `onlySlots`, the other slots are taken to be as
 * the document shows them already and are neither compared nor scanned (a change of one slot
 * costs the same whatever the number of slots). Returns how many keys changed.
 */
export function writeLiveEpisode(doc: Y.Doc, live: LiveEpisode, origin: unknown, onlySlots?: SlotScope): number {
  const target = flattenLiveEpisode(live, onlySlots);
  let changed = 0;
  doc.transact(() => {
    for (const name of MAPS) {
      const map = doc.getMap<unknown>(name);
      const wanted = target[name];
      for (const [key, value] of wanted) {
        // Yjs cannot store undefined; absent values are null.
        const stored = value === undefined ? null : value;
        if (!map.has(key) || !sameValue(map.get(key), stored)) {
          map.set(key, stored);
          changed++;
        }
      }
      const present =
        name === 'slots' && onlySlots
          ? [...onlySlots].flatMap(([slot, reviewers]) => reviewers.map((reviewer) => `${slot}/decision/${reviewer}`)).filter((key) => map.has(key))
          : [...map.keys()];
      for (const key of present) {
        if (!wanted.has(key)) {
          map.delete(key);
          changed++;
        }
      }
    }
  }, origin);
  return changed;
}

/** Groups `<id>/<field>` keys of a map by id. */
function groups(map: Y.Map<unknown>): Map<string, Map<string, unknown>> {
  const byId = new Map<string, Map<string, unknown>>();
  for (const [key, value] of map.entries()) {
    const slash = key.indexOf('/');
    if (slash <= 0) continue;
    const id = key.slice(0, slash);
    const fields = byId.get(id) ?? new Map<string, unknown>();
    fields.set(key.slice(slash + 1), value);
    byId.set(id, fields);
  }
  return byId;
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : []);
const numOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** A slot's candidate take as stored; anything malformed reads as none. */
function candidateOf(value: unknown): LiveCandidate | null {
  const entry = value as Record<string, unknown> | null | undefined;
  if (!entry || typeof entry !== 'object' || typeof entry.segmentId !== 'string') return null;
  return { segmentId: entry.segmentId, version: num(entry.version), status: text(entry.status), progress: num(entry.progress) };
}

/** A slot's open vote as stored; anything malformed reads as none. */
function choiceOf(value: unknown): LiveChoice | null {
  const entry = value as Record<string, unknown> | null | undefined;
  if (!entry || typeof entry !== 'object' || typeof entry.id !== 'string') return null;
  return { id: entry.id, blind: entry.blind === true, takes: num(entry.takes), made: num(entry.made), votes: num(entry.votes) };
}

/** A slot's notes summary as stored; anything malformed reads as no notes. */
function notesOf(value: unknown): LiveNotes {
  const entry = value as Partial<Record<keyof LiveNotes, unknown>> | null | undefined;
  if (!entry || typeof entry !== 'object') return NO_NOTES;
  const latest = entry.latest as Record<string, unknown> | null | undefined;
  return {
    open: num(entry.open),
    total: num(entry.total),
    revision: text(entry.revision),
    latest:
      latest && typeof latest === 'object' && typeof latest.id === 'string'
        ? { id: latest.id, author: text(latest.author), color: text(latest.color), text: text(latest.text), frameIn: numOrNull(latest.frameIn), version: num(latest.version) }
        : null,
  };
}

/** The episode's quality gate as stored; anything malformed reads as off. */
function gateOf(value: unknown): QualityGateSettings {
  const entry = value as Partial<Record<keyof QualityGateSettings, unknown>> | null | undefined;
  if (!entry || typeof entry !== 'object') return DEFAULT_QUALITY_GATE;
  return {
    enabled: entry.enabled === true,
    min_quality: numOrNull(entry.min_quality),
    min_consistency: numOrNull(entry.min_consistency),
    max_retries: num(entry.max_retries, DEFAULT_QUALITY_GATE.max_retries),
  };
}

/**
 * Reads the live episode out of `doc`: slots in slot order, jobs and outputs newest first.
 * Undefined before the document has synced (no episode id yet).
 */
export function readLiveEpisode(doc: Y.Doc): LiveEpisode | undefined {
  const meta = doc.getMap<unknown>('episode');
  const id = meta.get('id');
  if (typeof id !== 'string') return undefined;
  const order = meta.get('order');

  const slots: LiveSlot[] = [];
  for (const [slotKey, fields] of groups(doc.getMap<unknown>('slots'))) {
    const decisions: LiveDecision[] = [];
    for (const [field, value] of fields) {
      if (!field.startsWith('decision/')) continue;
      const entry = value as { name?: unknown; decision?: unknown; rating?: unknown } | null;
      const decision = TAKE_DECISIONS.find((known) => known === entry?.decision);
      if (decision) decisions.push({ reviewer: field.slice('decision/'.length), name: text(entry?.name), decision, rating: numOrNull(entry?.rating) });
    }
    decisions.sort((a, b) => a.reviewer.localeCompare(b.reviewer));
    const ratings: LiveRating[] = decisions.flatMap(({ reviewer, name, rating }) => (rating === null ? [] : [{ reviewer, name, rating }]));
    slots.push({
      slot: Number(slotKey),
      shotId: text(fields.get('shotId')),
      sceneNumber: num(fields.get('sceneNumber')),
      numberInScene: num(fields.get('numberInScene')),
      heading: text(fields.get('heading')),
      segmentId: textOrNull(fields.get('segmentId')),
      version: num(fields.get('version')),
      versions: num(fields.get('versions')),
      status: text(fields.get('status'), 'pending'),
      approval: text(fields.get('approval'), 'pending'),
      progress: num(fields.get('progress')),
      thumbnailUrl: textOrNull(fields.get('thumbnailUrl')),
      videoUrl: textOrNull(fields.get('videoUrl')),
      duration: numOrNull(fields.get('duration')),
      qualityScore: numOrNull(fields.get('qualityScore')),
      consistencyScore: numOrNull(fields.get('consistencyScore')),
      error: textOrNull(fields.get('error')),
      errorKind: textOrNull(fields.get('errorKind')),
      ratingCount: num(fields.get('ratingCount')),
      ratingMean: numOrNull(fields.get('ratingMean')),
      ratings,
      decisions,
      approvals: num(fields.get('approvals')),
      approvalsNeeded: num(fields.get('approvalsNeeded'), 1),
      notes: notesOf(fields.get('notes')),
      template: textOrNull(fields.get('template')),
      stale: texts(fields.get('stale')),
      candidate: candidateOf(fields.get('candidate')),
      choice: choiceOf(fields.get('choice')),
      gate: textOrNull(fields.get('gate')),
    });
  }
  slots.sort((a, b) => a.slot - b.slot);

  const jobs: LiveJob[] = [...groups(doc.getMap<unknown>('jobs'))].map(([jobId, fields]) => ({
    id: jobId,
    kind: fields.get('kind') === 'compile' ? 'compile' : 'generation',
    status: text(fields.get('status')),
    progress: num(fields.get('progress')),
    error: textOrNull(fields.get('error')),
    updatedAt: text(fields.get('updatedAt')),
    paused: textOrNull(fields.get('paused')),
  }));
  jobs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  const outputs: LiveOutput[] = [...groups(doc.getMap<unknown>('outputs'))].map(([outputId, fields]) => ({
    id: outputId,
    videoUrl: text(fields.get('videoUrl')),
    duration: numOrNull(fields.get('duration')),
    transition: text(fields.get('transition')),
    completedAt: text(fields.get('completedAt')),
    outOfDate: fields.get('outOfDate') === true,
    changes: Array.isArray(fields.get('changes')) ? (fields.get('changes') as unknown[]).map((change) => text(change)) : [],
  }));
  outputs.sort((a, b) => b.completedAt.localeCompare(a.completedAt));

  return {
    episode: {
      id,
      title: text(meta.get('title')),
      logline: text(meta.get('logline')),
      status: text(meta.get('status')),
      error: textOrNull(meta.get('error')),
      width: num(meta.get('width')),
      height: num(meta.get('height')),
      fps: num(meta.get('fps')),
      videoProvider: text(meta.get('videoProvider')),
      updatedAt: text(meta.get('updatedAt')),
      activity: num(meta.get('activity')),
      membership: num(meta.get('membership')),
      qualityGate: gateOf(meta.get('qualityGate')),
      budgetUsd: numOrNull(meta.get('budgetUsd')),
      planKey: text(meta.get('planKey')),
    },
    order: Array.isArray(order) ? order.filter((n): n is number => typeof n === 'number') : [],
    slots,
    jobs,
    outputs,
  };
}
