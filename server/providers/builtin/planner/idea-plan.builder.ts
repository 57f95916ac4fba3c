/**
 * Turns an analysed idea into an episode plan. The story follows the classic structure (setup,
 * inciting incident, investigation, confrontation, resolution); each beat gets shots in proportion
 * to its weight, beats are grouped into 2–4 scenes, and every choice comes from one seeded stream
 * so the same idea and seed always give the same plan.
 */
import type { EpisodePlan, PlannedScene, PlannedShot } from '../../planner.types.ts';
import { buildCast, extraNamedCharacters, protagonistIntro, type CastMember } from './cast.builder.ts';
import { placeReference, type IdeaAnalysis } from './idea-rules.ts';
import { BEATS, MOMENTS_PER_BEAT, type Beat, type Moment, type RoleId } from './kits/kit.types.ts';
import type { SeededRandom } from './seeded-random.ts';
import { locationDescription, sceneHeading, subAreasFor } from './setting-rules.ts';
import { cameraForBeat, cameraNote, framingFor, plannedDuration, shotPrompt } from './shot-writing.ts';
import { spokenShotSeconds } from './speech-length.ts';
import { forHeroGender } from './languages/gender-agreement.ts';
import { kitForObject } from './languages/object-agreement.ts';
import { PLAN_WORDS, type PlanWords } from './languages/plan-words.ts';
import { fill } from './text-utils.ts';

export const MIN_SHOTS = 6;
export const MAX_SHOTS = 12;
export const DEFAULT_SHOTS = 8;

/** The middle of the story carries the most shots; setup and confrontation come next. */
const BEAT_WEIGHTS: Record<Beat, number> = { setup: 1, inciting: 0.6, rising: 2, confrontation: 1, resolution: 0.6 };

/** Which beats each scene holds, by scene count. */
const SCENE_LAYOUTS: Record<2 | 3 | 4, Beat[][]> = {
  2: [['setup', 'inciting'], ['rising', 'confrontation', 'resolution']],
  3: [['setup', 'inciting'], ['rising'], ['confrontation', 'resolution']],
  4: [['setup', 'inciting'], ['rising'], ['confrontation'], ['resolution']],
};

/** Clamps a requested shot count to what the built-in planner writes. */
export function shotCountFor(targetShots: number | undefined): number {
  if (targetShots === undefined || !Number.isFinite(targetShots)) return DEFAULT_SHOTS;
  return Math.min(MAX_SHOTS, Math.max(MIN_SHOTS, Math.round(targetShots)));
}

/** Every beat gets one shot, the rest go by weight (highest averages), never past a beat's moments. */
export function allocateBeats(total: number): Record<Beat, number> {
  const counts: Record<Beat, number> = { setup: 1, inciting: 1, rising: 1, confrontation: 1, resolution: 1 };
  for (let given = BEATS.length; given < total; given++) {
    const open = BEATS.filter((beat) => counts[beat] < MOMENTS_PER_BEAT[beat]);
    const next = open.reduce((best, beat) =>
      BEAT_WEIGHTS[beat] / (counts[beat] + 1) > BEAT_WEIGHTS[best] / (counts[best] + 1) ? beat : best,
    );
    counts[next] += 1;
  }
  return counts;
}

interface PlacedMoment {
  beat: Beat;
  moment: Moment;
}

/** Builds the whole plan for an analysed idea. */
export function buildIdeaPlan(
  analysis: IdeaAnalysis,
  random: SeededRandom,
  options: { style?: string; targetShots?: number },
): EpisodePlan {
  const { language } = analysis;
  const words = PLAN_WORDS[language];
  const object = analysis.keyObject ?? random.fork('object').pick(analysis.kit[language].objects);
  // The kit's words agree with the object: its articles, adjectives and pronouns.
  // … and the hero's description agrees with the hero.
  const agreed = forHeroGender({ ...analysis, kit: kitForObject(analysis.kit, language, analysis.keyObject ? analysis.keyObjectGender : undefined, object) });
  analysis = agreed;
  const { kit } = agreed;
  const text = kit[language];
  const cast = buildCast(analysis, object, random.fork('cast'));
  const byRole = new Map<RoleId, CastMember>(cast.map((member) => [member.role, member]));
  const place = placeReference(analysis);
  const values: Record<string, string> = {
    p: byRole.get('P')?.shortName ?? '',
    object,
    place,
    Object: words.objectTitle(object),
    Place: words.placeTitle(analysis.location),
  };
  for (const member of cast) values[member.role] = member.character.name;

  const total = shotCountFor(options.targetShots);
  const counts = allocateBeats(total);
  const momentRandom = random.fork('moments');
  const placed = new Map<Beat, PlacedMoment[]>();
  for (const beat of BEATS) {
    const available = text.beats[beat];
    // The first moment carries the beat, so it always plays; the seed picks the rest, and the
    // kit's order is kept so the beat still reads forwards.
    const rest = momentRandom.shuffle(available.map((_, index) => index).slice(1));
    const chosen = new Set([0, ...rest.slice(0, counts[beat] - 1)]);
    placed.set(beat, available.filter((_, index) => chosen.has(index)).map((moment) => ({ beat, moment })));
  }

  const eventBeats = analysis.events ? placeEvents(analysis.events, placed, words) : new Map<Beat, string>();

  const sceneRandom = random.fork('scenes');
  const sceneCount: 2 | 3 | 4 = total <= 7 ? sceneRandom.pick([2, 3] as const) : total <= 10 ? sceneRandom.pick([3, 4] as const) : 4;
  const corners = subAreasFor(analysis.location.setting, sceneRandom);
  const shotRandom = random.fork('shots');
  const style = options.style?.trim() || text.style;
  let shotsSoFar = 0;

  const scenes: PlannedScene[] = SCENE_LAYOUTS[sceneCount].map((beats, sceneIndex) => {
    // Places the idea names after the first are where later scenes happen, in order.
    const named = sceneIndex === 0 ? undefined : analysis.laterPlaces[sceneIndex - 1];
    const here: IdeaAnalysis = named
      ? { ...analysis, location: { ...analysis.location, name: named, phrase: named, inSentence: named, proper: true } }
      : analysis;
    const corner = sceneIndex === 0 || named ? undefined : corners[(sceneIndex - 1) % corners.length];
    const setting = locationDescription(here, corner, sceneRandom);
    const moments = beats.flatMap((beat) => placed.get(beat) ?? []);
    const shots: PlannedShot[] = moments.map(({ beat, moment }, shotIndex) => {
      shotsSoFar += 1;
      const members = moment.cast.map((role) => byRole.get(role)).filter((m): m is CastMember => m !== undefined);
      const characters = members.map((member) => member.character);
      const camera = cameraForBeat(beat, shotsSoFar === total, shotRandom);
      const framing = framingFor(members.length, shotIndex === 0, language, shotRandom);
      const speakers = moment.lines.map(([role]) => byRole.get(role)?.character.name);
      const focus = speakers[0] ?? characters[0]?.name;
      const note = cameraNote(camera, framing, focus, place, language);
      const action = fill(moment.action, values);
      const dialogue = moment.lines.flatMap(([role, line]) => {
        const speaker = byRole.get(role);
        return speaker ? [{ character: speaker.character.key, line: fill(line, values) }] : [];
      });
      return {
        number: shotIndex + 1,
        prompt: shotPrompt({ framing, action, characters, setting, style, note, language }),
        camera,
        cameraNote: note,
        // Long enough for its lines to be spoken (the built-in animatic's temp voice).
        duration: Math.max(plannedDuration(moment.lines.length, shotRandom), spokenShotSeconds(dialogue.map((d) => d.line), language)),
        characters: characters.map((character) => character.key),
        dialogue,
      };
    });
    return {
      number: sceneIndex + 1,
      heading: sceneHeading(here, corner),
      location: here.location.name,
      locationDescription: setting,
      timeOfDay: analysis.timeOfDay,
      summary: beats.map((beat) => fill(eventBeats.get(beat) ?? text.summaries[beat], values)).join(words.gap),
      shots,
    };
  });

  return {
    title: fill(random.fork('title').pick(text.titles), values),
    logline: logline(analysis, values),
    story: story(analysis, cast, scenes, placed, values),
    characters: [...cast.map((member) => member.character), ...extraNamedCharacters(analysis, cast)],
    scenes,
  };
}

/** Which beats carry the idea's events, by how many it has: the first opens the story, the last ends it. */
const EVENT_BEATS: Record<number, Beat[]> = {
  2: ['setup', 'resolution'],
  3: ['setup', 'inciting', 'resolution'],
  4: ['setup', 'inciting', 'rising', 'resolution'],
  5: ['setup', 'inciting', 'rising', 'confrontation', 'resolution'],
};

/**
 * Puts the idea's own events at the head of the beats they carry, in the idea's order, in place of
 * the fallback genre's stock moment there: the hero alone in frame, doing what the idea says.
 * Returns each such beat's summary sentence.
 */
function placeEvents(events: string[], placed: Map<Beat, PlacedMoment[]>, words: PlanWords): Map<Beat, string> {
  const beats = EVENT_BEATS[Math.min(events.length, 5)] ?? [];
  const summaries = new Map<Beat, string>();
  beats.forEach((beat, index) => {
    const event = events[index]!;
    const action = words.heroDoes('{P}', event);
    const moments = placed.get(beat) ?? [];
    moments[0] = { beat, moment: { cast: ['P'], action, lines: [] } };
    placed.set(beat, moments);
    summaries.set(beat, words.sentence(words.heroDoes('{p}', event)));
  });
  return summaries;
}

function logline(analysis: IdeaAnalysis, values: Record<string, string>): string {
  const { language, predicate } = analysis;
  const hook = fill(analysis.kit[language].hook, values);
  return PLAN_WORDS[language].logline(values.P ?? '', protagonistIntro(analysis), predicate, values.place ?? '', analysis.location.proper, hook);
}

function story(
  analysis: IdeaAnalysis,
  cast: CastMember[],
  scenes: PlannedScene[],
  placed: Map<Beat, PlacedMoment[]>,
  values: Record<string, string>,
): string {
  const { language, predicate, kit } = analysis;
  const words = PLAN_WORDS[language];
  const roleLabel = (member: CastMember) => kit.roles.find((role) => role.id === member.role)?.[language].label ?? '';
  const moments = [...placed.values()].flat();
  // Prose names the protagonist in full once, then as people would.
  const prose = { ...values, P: values.p ?? '' };
  let index = 0;
  const paragraphs = scenes.map((scene) => scene.shots.map(() => words.sentence(fill(moments[index++]?.moment.action ?? '', prose))).join(words.gap));
  // When the rules found no one in the idea, say what the story grew from.
  const quoted = predicate ? undefined : analysis.idea.replace(/[.。!?！？]+$/u, '');
  const company = cast.filter((member) => member.role !== 'P').map((member) => ({ name: member.character.name, label: roleLabel(member) }));
  const opening = words.opening(values.P ?? '', protagonistIntro(analysis), predicate, values.place ?? '', quoted, company);
  const note = analysis.languageNote ? [analysis.languageNote] : [];
  return [...note, opening, ...paragraphs].join('\n\n');
}
