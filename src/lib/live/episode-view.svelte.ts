/**
 * The episode page's view of an episode: its page data with the live document laid over it
 * (episode-merge.ts), kept current without reloading the page. What the document names but does
 * not describe is fetched alone: a new take (one request per take, a few at a time), the newest
 * compile once it is started or has ended, the costs once takes finish or the budget changes (at
 * most every few seconds). Only what the document cannot describe reloads the page data: a change
 * of the set of shots, or of the plan itself (a character's looks or picture, a set, a shot's
 * text, length or template: the document's `planKey`). Call during component initialisation.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { CompilationDto, EpisodeCostsDto, EpisodeDetailDto, SegmentDto } from '../api/episodes.schema.ts';
import type { LiveEpisode } from '../domain/live-episode.ts';
import { apiClient } from '../services/api.ts';
import { refreshPageData } from '../services/refresh.ts';
import { FetchQueue } from './fetch-queue.ts';
import { mergeEpisode, missingTakes, sameShots, shareUnchanged, shotSetOf } from './episode-merge.ts';

export interface EpisodePageData {
  episode: EpisodeDetailDto;
  costs: EpisodeCostsDto;
}

/** Takes fetched at once, at most. */
const PARALLEL_TAKES = 3;
/** The costs are fetched again at most this often (ms). */
const COSTS_EVERY = 3000;
/** A request that failed is made again, when still wanted, after this long at the soonest (ms). */
const RETRY_AFTER = 5000;
/** How long a change of the shots settles before the page data is reloaded (ms). */
const RELOAD_AFTER = 150;

/** Slots (or shots) whose take has finished, as text: it changes when a take completes or fails. */
function finishedOf(takes: { segmentId: string | null | undefined; status: string | undefined }[]): string {
  return takes
    .filter((take) => take.segmentId && (take.status === 'completed' || take.status === 'failed'))
    .map((take) => `${take.segmentId}:${take.status}`)
    .sort()
    .join(',');
}

export function followLiveEpisode(data: () => EpisodePageData, live: () => LiveEpisode | undefined): { readonly episode: EpisodeDetailDto; readonly costs: EpisodeCostsDto } {
  const api = apiClient(fetch);

  // ---- New takes: fetched one by one, a few at a time, each once ----
  const takes = new SvelteMap<string, SegmentDto>();
  const queue = new FetchQueue<SegmentDto>({
    fetchOne: (id) => api.segments.summary(id),
    fetched: (id, take) => takes.set(id, take),
    parallel: PARALLEL_TAKES,
    retryAfter: RETRY_AFTER,
  });
  $effect(() => {
    const state = live();
    if (!state) return;
    for (const id of missingTakes(data().episode, state)) if (!takes.has(id)) queue.want(id);
  });

  // ---- The newest compile: fetched when it is not the page's, and again once it has ended ----
  let compilation = $state.raw<CompilationDto | undefined>();
  // "<id>|<status once ended>" of the newest compile: changes when another starts or this one ends.
  const compileKey = $derived.by(() => {
    const job = live()?.jobs.find((candidate) => candidate.kind === 'compile');
    return job ? `${job.id}|${job.status === 'completed' || job.status === 'failed' ? job.status : ''}` : '';
  });
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping of requests, never shown
  const fetchedCompiles = new Set<string>();
  $effect(() => {
    const key = compileKey;
    if (!key || fetchedCompiles.has(key)) return;
    const [id, ended] = key.split('|') as [string, string];
    const base = data().episode.latest_compilation;
    const known = compilation?.id === id ? compilation : base?.id === id ? base : undefined;
    if (known && (!ended || known.status === ended)) return;
    fetchedCompiles.add(key);
    api.compilations
      .get(id)
      .then((fresh) => (compilation = fresh))
      .catch(() => setTimeout(() => fetchedCompiles.delete(key), RETRY_AFTER));
  });

  // ---- Costs: fetched again when takes finish, at most every few seconds ----
  let costs = $state.raw<{ base: EpisodeCostsDto; value: EpisodeCostsDto } | undefined>();
  /** The costs fetched since the page data was loaded, else the page data's. */
  const shownCosts = () => (costs?.base === data().costs ? costs.value : data().costs);
  const finished = $derived.by(() => {
    const state = live();
    return state ? finishedOf(state.slots) : undefined;
  });
  let seenFinished: string | undefined;
  let lastCosts = 0;
  let costsTimer: ReturnType<typeof setTimeout> | undefined;
  function fetchCosts(): void {
    costsTimer = undefined;
    lastCosts = Date.now();
    const base = data().costs;
    api.episodes
      .costs(data().episode.id)
      .then((value) => (costs = { base, value }))
      .catch(() => undefined);
  }
  $effect(() => {
    const now = finished;
    if (now === undefined) return;
    // The first time, against the page data: takes may have finished before the document connected.
    const before = seenFinished ?? finishedOf(data().episode.shots.map((shot) => ({ segmentId: shot.segment?.id, status: shot.segment?.status })));
    seenFinished = now;
    if (now === before || costsTimer) return;
    costsTimer = setTimeout(fetchCosts, Math.max(500, lastCosts + COSTS_EVERY - Date.now()));
  });
  $effect(() => () => clearTimeout(costsTimer));
  // The owner set another budget (on this page or another): the costs say what is left of it.
  $effect(() => {
    const budget = live()?.episode.budgetUsd;
    if (budget === undefined || costsTimer) return;
    if (budget === shownCosts().budget.budget_usd) return;
    costsTimer = setTimeout(fetchCosts, Math.max(0, lastCosts + COSTS_EVERY - Date.now()));
  });

  // ---- A change of the shots themselves (planning finished, shots added or removed), or of what
  // the plan says (characters, scenes, shots' own fields): reload, once per change ----
  const structure = $derived.by(() => {
    const state = live();
    const episode = data().episode;
    if (!state) return '';
    if (!sameShots(episode, state)) return `${shotSetOf(state.slots.map((slot) => slot.slot))}|${shotSetOf(episode.shots.map((shot) => shot.shot_number))}`;
    return state.episode.planKey && state.episode.planKey !== episode.plan_key ? `plan:${state.episode.planKey}` : '';
  });
  let reloadedFor = '';
  $effect(() => {
    const key = structure;
    if (!key || key === reloadedFor) return;
    const timer = setTimeout(() => {
      reloadedFor = key;
      refreshPageData();
    }, RELOAD_AFTER);
    return () => clearTimeout(timer);
  });

  let previous: EpisodeDetailDto | undefined;
  const episode = $derived.by(() => (previous = shareUnchanged(previous, mergeEpisode(data().episode, live(), takes, compilation))));
  return {
    get episode() {
      return episode;
    },
    get costs() {
      return shownCosts();
    },
  };
}
