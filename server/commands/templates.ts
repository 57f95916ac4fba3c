/**
 * Generation templates: saving an approved take's parameters (or given ones) under a name in an
 * episode or in a person's account, renaming, editing and hiding them, and applying one to shots
 * before they are generated. Applying goes through the same write path as PATCH /shots/{id}
 * (changeShot), all shots in one transaction, so the live document and the audit trail see it
 * the same way.
 */
import type { ApplyTemplateBody, CreateTemplateBody, PatchTemplateBody, TemplateScope } from '../../src/lib/api/templates.schema.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { listCurrentSegments, setPendingProvider } from '../db/queries/segment.queries.ts';
import { findEpisodeShots } from '../db/queries/shot.queries.ts';
import { insertTemplate, lockTemplate, markTemplateDeleted, templateNameTaken, updateTemplate } from '../db/queries/template.queries.ts';
import type { Database } from '../db/database.ts';
import type { Transaction } from 'kysely';
import type { DB, GenerationTemplate, Shot, TemplateParams, VideoSegment } from '../db/schema.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { providerOptionProblems } from '../providers/provider-options.ts';
import { changeShot } from './episode-editing.ts';
import type { Actor, Services } from './services.ts';

/** Where a template is kept: an episode, or one person's account. */
export type TemplateHome = { scope: 'episode'; episodeId: string } | { scope: 'account'; userId: string };

const FIELDS = ['style', 'camera', 'duration', 'prompt_suffix', 'provider', 'provider_options'] as const;

/** A take's parameters as a template keeps them: what it was made with, not its shot's own text. */
export function paramsOfTake(segment: VideoSegment): TemplateParams {
  const params = segment.generation_params;
  const text = (key: string) => (typeof params[key] === 'string' && params[key] ? (params[key] as string) : null);
  const options = params.provider_options;
  return {
    style: text('style'),
    camera: (text('camera') as TemplateParams['camera']) ?? null,
    duration: typeof params.duration === 'number' ? params.duration : null,
    prompt_suffix: text('prompt_suffix') ?? text('prompt_modifications'),
    provider: segment.provider,
    provider_options: options && typeof options === 'object' ? (options as TemplateParams['provider_options']) : {},
  };
}

/** `base` with the fields given in `body` put over it. */
function withGiven(base: TemplateParams, body: Partial<Record<(typeof FIELDS)[number], unknown>>): TemplateParams {
  const params = { ...base };
  for (const field of FIELDS) {
    if (body[field] !== undefined) (params as Record<string, unknown>)[field] = body[field] ?? (field === 'provider_options' ? {} : null);
  }
  return params;
}

const EMPTY: TemplateParams = { style: null, camera: null, duration: null, prompt_suffix: null, provider: null, provider_options: {} };

/**
 * Refuses options the provider does not take (422, naming them) and a provider this server does
 * not have (422 from the registry). `fallback` is the provider used when the template names none.
 */
export function assertProviderTakes(services: Services, params: TemplateParams, fallback: string | null): void {
  const names = Object.keys(params.provider_options);
  const providerId = params.provider ?? fallback;
  if (params.provider) services.providers.video(params.provider);
  if (names.length === 0) return;
  if (!providerId) throw validationError('Name the provider these options are for (provider).', { fields: names });
  const provider = services.providers.video(providerId);
  const problems = providerOptionProblems(provider, params.provider_options);
  if (problems.unknown.length === 0 && problems.invalid.length === 0) return;
  const accepted = Object.keys(provider.options ?? {});
  const said = [
    problems.unknown.length > 0 ? `does not take ${problems.unknown.join(', ')}` : '',
    problems.invalid.length > 0 ? `wants other values for ${problems.invalid.map((p) => `${p.name} (${p.expected})`).join(', ')}` : '',
  ].filter(Boolean);
  throw new AppError(
    'provider_options_unsupported',
    `The video provider "${provider.id}" ${said.join(' and ')}; ${accepted.length > 0 ? `it takes ${accepted.join(', ')}` : 'it takes no options'}. Remove or correct those fields.`,
    { status: 422, details: { provider: provider.id, fields: [...problems.unknown, ...problems.invalid.map((p) => p.name)], unknown: problems.unknown, invalid: problems.invalid, accepted } },
  );
}

const nameTaken = (name: string, scope: TemplateScope) =>
  new AppError('template_name_taken', `A template named "${name}" already exists in this ${scope}; choose another name.`, { status: 409, details: { name, scope } });

/** Postgres's unique-index refusal (a concurrent save of the same name). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '23505';
}

async function assertNameFree(db: Database, home: { scope: TemplateScope; episode_id: string | null; owner_user_id: string | null }, name: string, exceptId?: string) {
  if (await templateNameTaken(db, home, name, exceptId)) throw nameTaken(name, home.scope);
}

/**
 * Saves a template. From a take (`source`, already authorized by the caller), the take must be
 * approved; its parameters are copied and the fields given in `body` replace them.
 */
export async function createTemplate(services: Services, home: TemplateHome, body: CreateTemplateBody, source: VideoSegment | undefined, actor: Actor): Promise<GenerationTemplate> {
  if (source && source.approval_status !== 'approved') {
    throw new AppError('take_not_approved', `Only an approved take can be saved as a template; take v${source.version} is ${source.approval_status}.`, {
      status: 422,
      details: { segment_id: source.id, approval_status: source.approval_status },
    });
  }
  const params = withGiven(source ? paramsOfTake(source) : EMPTY, body);
  const episode = home.scope === 'episode' ? await findEpisode(services.db, home.episodeId) : undefined;
  assertProviderTakes(services, params, episode?.video_provider ?? null);
  const row = {
    scope: home.scope,
    episode_id: home.scope === 'episode' ? home.episodeId : null,
    owner_user_id: home.scope === 'account' ? home.userId : null,
  };
  await assertNameFree(services.db, row, body.name);
  try {
    return await insertTemplate(services.db, { ...row, name: body.name, params, source_segment_id: source?.id ?? null, created_by: actor.userId });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(body.name, home.scope);
    throw error;
  }
}

/** Renames and/or changes a template's parameters; its version goes up, takes made before keep theirs. */
export async function editTemplate(services: Services, template: GenerationTemplate, body: PatchTemplateBody): Promise<GenerationTemplate> {
  return services.db.transaction().execute(async (trx) => {
    const locked = await lockTemplate(trx, template.id);
    if (!locked) throw notFound('Template', template.id);
    const params = withGiven(locked.params, body);
    // A rename alone is allowed on a template whose options its provider has since stopped taking.
    if (body.provider !== undefined || body.provider_options !== undefined) {
      const episode = locked.episode_id ? await findEpisode(trx, locked.episode_id) : undefined;
      assertProviderTakes(services, params, episode?.video_provider ?? null);
    }
    if (body.name !== undefined) await assertNameFree(trx, locked, body.name, locked.id);
    try {
      return await updateTemplate(trx, locked.id, { ...(body.name !== undefined && { name: body.name }), params });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(body.name ?? locked.name, locked.scope);
      throw error;
    }
  });
}

/** Hides a template; shots and takes that used it keep what it set and its name and version. */
export async function deleteTemplate(services: Services, template: GenerationTemplate): Promise<void> {
  await markTemplateDeleted(services.db, template.id);
}

/**
 * Applies a template to shots of one episode, all or nothing: every shot must be in the episode
 * and not generated yet (409 otherwise, naming it), and the options must suit each shot's
 * provider. The shots' next takes use its style, camera, duration, prompt suffix, provider and
 * options, and record the template as it is now.
 */
export async function applyTemplate(services: Services, episodeId: string, template: GenerationTemplate, target: ApplyTemplateBody, actor: Actor): Promise<Shot[]> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const asked: (string | number)[] = target.shot_ids ?? target.segment_numbers ?? [];
    const shots = await findEpisodeShots(trx, episodeId, target.shot_ids ? { ids: [...new Set(target.shot_ids)] } : { numbers: [...new Set(target.segment_numbers)] });
    const found = new Set<string | number>(shots.flatMap((shot) => [shot.id, shot.shot_number]));
    const missing = [...new Set(asked)].filter((key) => !found.has(key));
    if (missing.length > 0) {
      throw new AppError('shots_not_in_episode', `Some shots are not in this episode: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? '…' : ''}. A template applies to one episode's shots at a time.`, {
        status: 422,
        details: { [target.shot_ids ? 'shot_ids' : 'segment_numbers']: missing },
      });
    }
    // In the order asked: a refusal part-way leaves the transaction, and every shot, as it was.
    const order = (shot: Shot) => asked.indexOf(target.shot_ids ? shot.id : shot.shot_number);
    shots.sort((a, b) => order(a) - order(b));
    const changed: Shot[] = [];
    for (const shot of shots) changed.push(await applyTemplateToShot(services, trx, template, shot, actor));
    return changed;
  });
}

/**
 * Applies a template to one shot inside the caller's episode lock (an apply names many, a batch
 * many more): the provider must take its options, and the shot must not be generated yet.
 */
export async function applyTemplateToShot(services: Services, trx: Transaction<DB>, template: GenerationTemplate, shot: Shot, actor: Actor): Promise<Shot> {
  const segment = (await listCurrentSegments(trx, shot.episode_id)).find((candidate) => candidate.shot_id === shot.id);
  const { params } = template;
  assertProviderTakes(services, params, segment?.provider ?? null);
  const updated = await changeShot(
    services,
    trx,
    shot,
    {
      ...(params.style !== null && { style: params.style }),
      ...(params.camera !== null && { camera: params.camera }),
      ...(params.duration !== null && { duration: params.duration }),
      prompt_suffix: params.prompt_suffix,
      provider_options: params.provider_options,
      template_id: template.id,
      template_name: template.name,
      template_version: template.version,
    },
    actor,
    { fields: ['template'], template: { id: template.id, name: template.name, version: template.version } },
  );
  if (params.provider && segment) await setPendingProvider(trx, segment.id, params.provider);
  return updated;
}

/**
 * Whether a template may be used in an episode by this person: the episode's own, or (with
 * `ownToo`) one in their account. Anything else is answered like a missing template.
 */
export function usableIn(template: GenerationTemplate | undefined, where: { episodeId?: string; userId?: string; ownToo?: boolean; accountOnly?: boolean }): template is GenerationTemplate {
  const own = template?.scope === 'account' && where.userId !== undefined && template.owner_user_id === where.userId;
  const episodes = !where.accountOnly && template?.scope === 'episode' && template.episode_id === where.episodeId;
  return Boolean(template && (episodes || (own && (where.ownToo || where.accountOnly))));
}
