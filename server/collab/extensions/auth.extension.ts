/**
 * Who may open a live document: the same credentials and the same permission table as the API.
 * Every connection is read-only: browsers read the projection and write through the API.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { parse } from 'hono/utils/cookie';
import { resolvePrincipal } from '../../auth/credentials.ts';
import { roleOnEpisode } from '../../auth/policies.ts';
import type { Principal } from '../../auth/principal.ts';
import { GUEST_COOKIE, SESSION_COOKIE } from '../../auth/sessions.ts';
import type { Database } from '../../db/database.ts';
import type { EpisodeRole } from '../../db/schema.ts';

/** What a live connection carries once authenticated. */
export interface CollabContext {
  principal: Principal;
  episodeId: string;
  role: EpisodeRole;
}

const DOCUMENT_NAME = /^episode\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export class AuthExtension implements Extension {
  extensionName = 'dailies-auth';
  private readonly db: Database;

  constructor(db: Database) {
    this.db = db;
  }

  async onAuthenticate({ documentName, requestHeaders, token, connectionConfig }: onAuthenticatePayload): Promise<CollabContext> {
    const episodeId = DOCUMENT_NAME.exec(documentName)?.[1];
    if (!episodeId) throw new Error(`No live document is called ${documentName}`);
    const cookies = parse(requestHeaders.get('cookie') ?? '');
    const resolved = await resolvePrincipal(this.db, {
      // The provider's `token` option carries an API token for scripts; browsers use their cookies.
      bearer: token ? token : undefined,
      sessionToken: cookies[SESSION_COOKIE],
      guestToken: cookies[GUEST_COOKIE],
    });
    if (!resolved.ok || resolved.principal.kind === 'anonymous') throw new Error('Sign in to open this episode');
    const role = await roleOnEpisode(this.db, resolved.principal, episodeId);
    if (!role) throw new Error('No access to this episode');
    connectionConfig.readOnly = true;
    return { principal: resolved.principal, episodeId, role };
  }
}
