/**
 * Batch actions: one action on up to 500 cards of an episode, in one transaction under the
 * episode's lock. Every card goes through the single action's own write path (a decision through
 * the approval rule, a regeneration, a template's apply, a shot edit, the compile order), so
 * permissions aside — checked by the route, per action — a card in a batch is changed exactly as
 * it would be alone. When any card cannot take the action, the transaction is rolled back and the
 * answer names every such card and why; nothing changes.
 */
import type { Transaction } from 'kysely';
import type { BatchBody, BatchItemDto, BatchRefusalDto, BatchResultDto } from '../../src/lib/api/batch.schema.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { findEpisodeSegments, listCurrentSegments } from '../db/queries/segment.queries.ts';
import { findEpisodeShots } from '../db/queries/shot.queries.ts';
import type { DB, GenerationTemplate, Shot, VideoSegment } from '../db/schema.ts';
import { AppError, isAppError } from '../errors.ts';
import { changeShot, writeEpisodeOrder } from './episode-editing.ts';
import { decideInLock } from './segment-reviews.ts';
import { discardFiles, regenerateInLock } from './segment-versions.ts';
import type { Actor, Services } from './services.ts';
import { applyTemplateToShot } from './templates.ts';

/** One card of a batch: its shot, the take it names (by segment id) or its current take. */
interface BatchCard {
  id: string;
  shot: Shot;
  take: VideoSegment | undefined;
}

/** The outcome of one card, as the single action left it. */
type Outcome = { take: VideoSegment | undefined; outcome: string; replaced?: VideoSegment };

/**
 * Runs `body.action` on its cards, all or nothing. `template` is the template an apply_template
 * names, already found usable here by the caller.
 */
export async function runBatch(services: Services, episodeId: string, body: BatchBody, actor: Actor, template?: GenerationTemplate): Promise<BatchResultDto> {
  const done = await withEpisodeLock(services.db, episodeId, async (trx) => {
    const cards = await findCards(trx, episodeId, body);
    if (body.action === 'move') return moveCards(services, trx, episodeId, cards, body.position, actor);
    const outcomes: { card: BatchCard; outcome: Outcome }[] = [];
    const refused: (BatchRefusalDto & { status: number })[] = [];
    // Every card is tried, so that the refusal names all the cards that cannot take the action,
    // not only the first; any refusal rolls the whole transaction back. A refusal is an AppError
    // thrown by a check, never a failed statement, so the transaction can go on to the next card;
    // anything else (a database error) ends the batch at once.
    for (const card of cards) {
      try {
        outcomes.push({ card, outcome: await actOn(services, trx, card, body, actor, template) });
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) throw error;
        refused.push({ id: card.id, shot_number: card.shot.shot_number, code: error.code, message: error.message, status: error.status });
      }
    }
    if (refused.length > 0) throw batchRefused(refused, cards.length);
    await auditEpisodeAction(trx, actor, episodeId, 'episode.batch', { action: body.action, count: cards.length });
    return { items: outcomes.map(({ card, outcome }) => itemOf(card.shot, outcome)), replaced: outcomes.flatMap(({ outcome }) => outcome.replaced ?? []) };
  });
  // As a single regenerate does: the replaced takes' files go once the new takes are committed.
  if (body.action === 'regenerate' && !body.keep_original) for (const take of done.replaced) await discardFiles(services, take);
  const counts: Record<string, number> = {};
  for (const item of done.items) counts[item.outcome] = (counts[item.outcome] ?? 0) + 1;
  return {
    action: body.action,
    count: done.items.length,
    counts,
    items: done.items,
    ...('order' in done && { order: done.order }),
    ...(template && { template: { id: template.id, name: template.name, version: template.version } }),
  };
}

/** One card through its single action's write path. */
async function actOn(services: Services, trx: Transaction<DB>, card: BatchCard, body: Exclude<BatchBody, { action: 'move' }>, actor: Actor, template?: GenerationTemplate): Promise<Outcome> {
  const take = () => {
    if (!card.take) throw new AppError('no_take', `Shot ${card.shot.shot_number} has no take.`, { status: 409 });
    return card.take;
  };
  switch (body.action) {
    case 'decide': {
      const decided = await decideInLock(services, trx, take(), actor, { decision: body.decision, rating: body.rating, note: body.note, suggestedChanges: body.suggested_changes });
      return { take: decided, outcome: decided.approval_status };
    }
    case 'request_regeneration': {
      const decided = await decideInLock(services, trx, take(), actor, { decision: 'changes_requested', note: body.reason, suggestedChanges: body.suggested_changes });
      return { take: decided, outcome: decided.approval_status };
    }
    case 'regenerate': {
      const made = await regenerateInLock(services, trx, take(), { changes: body.changes, keepOriginal: body.keep_original }, actor);
      return { take: made.next, outcome: 'regenerating', replaced: made.replaced };
    }
    case 'apply_template':
      await applyTemplateToShot(services, trx, template!, card.shot, actor);
      return { take: card.take, outcome: 'edited' };
    case 'edit_shots': {
      const changes = { ...(body.style !== undefined && { style: body.style }), ...(body.camera !== undefined && { camera: body.camera }) };
      await changeShot(services, trx, card.shot, changes, actor, { fields: Object.keys(changes) });
      return { take: card.take, outcome: 'edited' };
    }
  }
}

/**
 * Moves the cards together to `position` in the compile order (1 = first; past the end, last),
 * keeping their present order among themselves, through the same write as PUT /order.
 */
async function moveCards(services: Services, trx: Transaction<DB>, episodeId: string, cards: BatchCard[], position: number, actor: Actor) {
  const { shots } = await findPlanRows(trx, episodeId);
  const moving = new Set(cards.map((card) => card.shot.shot_number));
  const order = shots.map((shot) => shot.shot_number);
  const rest = order.filter((number) => !moving.has(number));
  rest.splice(Math.min(position - 1, rest.length), 0, ...order.filter((number) => moving.has(number)));
  const saved = await writeEpisodeOrder(services, trx, episodeId, rest, actor);
  await auditEpisodeAction(trx, actor, episodeId, 'episode.batch', { action: 'move', count: cards.length });
  const items = cards.map((card) => ({ ...itemOf(card.shot, { take: card.take, outcome: 'moved' }), position: saved.indexOf(card.shot.shot_number) + 1 }));
  return { items, order: saved, replaced: [] as VideoSegment[] };
}

function itemOf(shot: Shot, { take, outcome }: Outcome): BatchItemDto {
  return {
    shot_id: shot.id,
    shot_number: shot.shot_number,
    segment_id: take?.id ?? null,
    version: take?.version ?? null,
    status: take?.status ?? null,
    approval_status: take?.approval_status ?? null,
    outcome,
  };
}

/**
 * The cards the body names, in the order given (repeats once): by take id, the take named (which
 * may no longer be current: deciding on it is then refused, as it would be alone); by shot id, its
 * current take. Ids not of this episode are a 422 naming them, before anything is written.
 */
async function findCards(trx: Transaction<DB>, episodeId: string, body: BatchBody): Promise<BatchCard[]> {
  const bySegment = body.segment_ids !== undefined;
  const asked = [...new Set(body.segment_ids ?? body.shot_ids ?? [])];
  const takes = bySegment ? await findEpisodeSegments(trx, episodeId, asked) : [];
  const shots = await findEpisodeShots(trx, episodeId, { ids: bySegment ? [...new Set(takes.map((take) => take.shot_id))] : asked });
  const found = new Set((bySegment ? takes : shots).map((row) => row.id));
  const missing = asked.filter((id) => !found.has(id));
  if (missing.length > 0) {
    const field = bySegment ? 'segment_ids' : 'shot_ids';
    throw new AppError(
      'batch_items_not_in_episode',
      `${missing.length} of the ${bySegment ? 'takes' : 'shots'} named are not in this episode (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); a batch acts on one episode's cards. Nothing was changed.`,
      { status: 422, details: { [field]: missing } },
    );
  }
  const shotById = new Map(shots.map((shot) => [shot.id, shot]));
  const takeById = new Map(takes.map((take) => [take.id, take]));
  const current = new Map((await listCurrentSegments(trx, episodeId)).map((take) => [take.shot_id, take]));
  return asked.map((id) => {
    const take = takeById.get(id);
    const shot = shotById.get(take ? take.shot_id : id)!;
    return { id, shot, take: take ?? current.get(shot.id) };
  });
}

/** The refusal of a batch: every card that cannot take the action, and why; nothing was changed. */
function batchRefused(refused: (BatchRefusalDto & { status: number })[], total: number): AppError {
  const statuses = new Set(refused.map((card) => card.status));
  const listed = refused
    .slice(0, 5)
    .map((card) => `Shot ${card.shot_number}: ${card.message}`)
    .join(' ');
  return new AppError(
    'batch_refused',
    `${refused.length} of the ${total} cards cannot take this action, so nothing was changed. ${listed}${refused.length > 5 ? ' …' : ''} Leave them out of the selection, or deal with them first.`,
    { status: statuses.size === 1 ? [...statuses][0]! : 409, details: { refused: refused.map(({ status: _status, ...card }) => card) } },
  );
}
