/**
 * The one permission table. Every route, media URL and live connection is checked against it
 * through `authorizeEpisode`; the README's table is this one, in words.
 */
import { ROLE_VALUES } from '../../src/lib/api/auth.schema.ts';
import { ABILITIES, type AbilitiesDto, type Ability } from '../../src/lib/api/episodes.schema.ts';
import type { Database } from '../db/database.ts';
import { type EpisodeScope, findEpisode } from '../db/queries/episode.queries.ts';
import { findMemberRole } from '../db/queries/member.queries.ts';
import type { EpisodeRole } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { Principal } from './principal.ts';

/** Roles least first (the API's own list). An API token's scope is a role too: the most it may do. */
export const ROLES: readonly EpisodeRole[] = ROLE_VALUES;
export const ROLE_RANK = Object.fromEntries(ROLES.map((role, index) => [role, index + 1])) as Record<EpisodeRole, number>;

/** Whether `role` ranks at least as high as `least`; no role is never enough. */
export function atLeast(role: EpisodeRole | null | undefined, least: EpisodeRole): boolean {
  return role !== null && role !== undefined && ROLE_RANK[role] >= ROLE_RANK[least];
}

/** The least role each action on an episode needs. */
export const PERMISSIONS = {
  'episode.read': 'viewer',
  'segment.review': 'reviewer',
  'episode.plan': 'editor',
  'shot.edit': 'editor',
  'segment.generate': 'editor',
  'segment.regenerate': 'editor',
  'segment.reopen': 'editor',
  'episode.reorder': 'editor',
  'episode.compile': 'editor',
  'members.read': 'viewer',
  'members.manage': 'owner',
  'episode.approval_rule': 'owner',
  'episode.budget': 'owner',
  'episode.quality_gate': 'editor',
  'share_links.manage': 'owner',
  'webhooks.manage': 'owner',
  'episode.delete': 'owner',
} as const satisfies Record<string, EpisodeRole>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Which action each `can` flag sent to the pages stands for; the least role stays in
 * PERMISSIONS, so a flag and the route it guards cannot disagree.
 */
export const ABILITY_PERMISSIONS = {
  review: 'segment.review',
  regenerate: 'segment.regenerate',
  reopen: 'segment.reopen',
  generate: 'segment.generate',
  edit: 'shot.edit',
  edit_characters: 'episode.plan',
  reorder: 'episode.reorder',
  compile: 'episode.compile',
  share: 'share_links.manage',
  manage_webhooks: 'webhooks.manage',
  manage_members: 'members.manage',
  set_approval_rule: 'episode.approval_rule',
  set_budget: 'episode.budget',
  set_quality_gate: 'episode.quality_gate',
  delete: 'episode.delete',
} as const satisfies Record<Ability, Permission>;

export function allows(role: EpisodeRole | null | undefined, permission: Permission): boolean {
  return atLeast(role, PERMISSIONS[permission]);
}

/** What `role` (already narrowed by a token's scope, see roleOnEpisode) may do on an episode. */
export function abilitiesOf(role: EpisodeRole | null | undefined): AbilitiesDto {
  return Object.fromEntries(ABILITIES.map((ability) => [ability, allows(role, ABILITY_PERMISSIONS[ability])])) as AbilitiesDto;
}

function lesser(a: EpisodeRole, b: EpisodeRole | null): EpisodeRole {
  return b !== null && ROLE_RANK[b] < ROLE_RANK[a] ? b : a;
}

/** The principal's role on an episode, or undefined for none. Admins are owners everywhere. */
export async function roleOnEpisode(db: Database, principal: Principal, episodeId: string): Promise<EpisodeRole | undefined> {
  if (principal.kind === 'guest') return principal.episodeId === episodeId ? principal.role : undefined;
  if (principal.kind !== 'user') return undefined;
  const role = principal.isAdmin ? 'owner' : await findMemberRole(db, episodeId, principal.userId);
  if (role === undefined) return principal.guestGrant?.episodeId === episodeId ? principal.guestGrant.role : undefined;
  return lesser(role, principal.scope);
}

export const unauthenticated = () =>
  new AppError('unauthenticated', 'Sign in first (or send an API token as "Authorization: Bearer <token>").', { status: 401 });

/**
 * Checks that `principal` may do `permission` on the episode: 401 for nobody, 404 for someone with
 * no role there (the episode's existence is not revealed), 403 for a role too low.
 */
export async function authorizeEpisode(
  db: Database,
  principal: Principal,
  episodeId: string,
  permission: Permission,
): Promise<EpisodeRole> {
  if (principal.kind === 'anonymous') throw unauthenticated();
  const role = await roleOnEpisode(db, principal, episodeId);
  if (role === undefined || !(await findEpisode(db, episodeId))) throw notFound('Episode', episodeId);
  assertAllowed(role, permission);
  return role;
}

/** 403 unless `role` may do `permission` (for a part of a request that needs more than the route). */
export function assertAllowed(role: EpisodeRole, permission: Permission): void {
  if (!allows(role, permission)) {
    throw new AppError('forbidden', `Your role on this episode (${role}) does not allow this; it needs ${PERMISSIONS[permission]}.`, {
      status: 403,
      details: { role, required: PERMISSIONS[permission] },
    });
  }
}

/** Which episodes a principal may list: all for admins, memberships for accounts, the link's for guests. */
export function episodeScopeOf(principal: Principal): EpisodeScope {
  if (principal.kind === 'guest') return { episodeIds: [principal.episodeId] };
  if (principal.kind === 'user') return principal.isAdmin ? { all: true } : { userId: principal.userId };
  return { episodeIds: [] };
}

/** The role shown beside a listed episode, given the membership the listing found. */
export function listedRole(principal: Principal, memberRole: EpisodeRole | null): EpisodeRole | null {
  if (principal.kind === 'guest') return principal.role;
  if (principal.kind !== 'user') return null;
  const role = memberRole ?? (principal.isAdmin ? 'owner' : null);
  return role === null ? null : lesser(role, principal.scope);
}
