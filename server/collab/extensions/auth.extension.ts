/**
 * Who may open a live document: the same credentials and the same permission table as the API.
 * Every connection is read-only: browsers read the projection and write through the API.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { parse } from 'hono/utils/cookie';
import { GUEST_COOKIE, SESSION_COOKIE } from '../../auth/sessions.ts';
import type { Database } from '../../db/database.ts';
import { LIVE_CLOSE_REASONS } from '../../../src/lib/live/close-reasons.ts';
import { checkLiveAccess, presenceIdentityOf, type CollabContext } from '../live-access.ts';

export type { CollabContext } from '../live-access.ts';

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
    const credentials = {
      // The provider's `token` option carries an API token for scripts; browsers use their cookies.
      bearer: token ? token : undefined,
      sessionToken: cookies[SESSION_COOKIE],
      guestToken: cookies[GUEST_COOKIE],
    };
    const access = await checkLiveAccess(this.db, credentials, episodeId);
    if (!access.ok) {
      const refusal = { access_removed: 'No access to this episode', signed_out: 'Sign in to open this episode' } as Record<string, string>;
      throw new Error(refusal[access.reason] ?? LIVE_CLOSE_REASONS[access.reason]);
    }
    connectionConfig.readOnly = true;
    return { principal: access.principal, episodeId, role: access.role, credentials, identity: presenceIdentityOf(access.principal) };
  }
}
