/**
 * The Hono environment every route shares: the Node bindings and what middleware learned.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Principal } from '../auth/principal.ts';
import type { Actor } from '../commands/services.ts';
import type { EpisodeRole } from '../db/schema.ts';
import type { HostPolicy } from './hosts.ts';

export interface AppVariables {
  principal: Principal;
  /** Who the request acts as in reviews and the audit trail, with its address; set by every endpoint. */
  actor: Actor;
  /** Client address (the socket's, or the first X-Forwarded-For hop behind a trusted proxy). */
  ip: string | null;
  /** Set by an endpoint whose rule is about one episode. */
  episodeId: string;
  role: EpisodeRole;
  /** The validated JSON body. */
  body: unknown;
  /** Set when the caller's guest link was revoked or expired. */
  guestProblem: 'share_link_revoked' | 'share_link_expired' | undefined;
}

export interface AppEnv {
  Bindings: HttpBindings;
  Variables: AppVariables;
}

export interface HttpSettings {
  signupOpen: boolean;
  trustProxy: boolean;
  /** The names this server answers to for writes and `/collab`; loopback names on any port when absent. */
  hosts?: HostPolicy;
  /** The first sign-up must give the setup token printed at start (a server listening beyond its machine). */
  setupTokenRequired?: boolean;
}
