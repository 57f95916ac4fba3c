/**
 * The last owner of an episode cannot be removed or demoted, and the database itself holds to it:
 * demotions and removals racing each other outside the app's own lock still leave one owner.
 * The members list says how and when each member joined.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let ownerId: string;

beforeAll(async () => {
  await signedUpClient(app.server.base, 'admin@example.com');
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olga');
  ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
});

async function episodeWithOwners(count: number) {
  const episode = await plannedEpisode(app.context.services, 'Many captains', 1, ownerId);
  const ids = [ownerId];
  for (let n = 1; n < count; n++) {
    const email = `co-${n}-${episode.id.slice(0, 8)}@example.com`;
    const client = await signedUpClient(app.server.base, email);
    await addMember(app.context.services, episode.id, email, 'owner', { userId: ownerId, name: 'Olga' });
    ids.push((await client.json<{ id: string }>('GET', '/api/v1/me')).body.id);
  }
  return { episodeId: episode.id, ids };
}

const ownerCount = async (episodeId: string) =>
  (await app.context.services.db.selectFrom('episode_members').select('user_id').where('episode_id', '=', episodeId).where('role', '=', 'owner').execute()).length;

describe('the last owner, enforced by the database', () => {
  it('refuses the second of two concurrent demotions made straight in SQL, after the first commits', async () => {
    const { episodeId, ids } = await episodeWithOwners(2);
    const first = await app.context.database.pool.connect();
    const second = await app.context.database.pool.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await first.query(`UPDATE episode_members SET role = 'editor' WHERE episode_id = $1 AND user_id = $2`, [episodeId, ids[0]]);
      // The second waits on the episode lock the first holds, then counts with the first committed.
      const racing = second.query(`UPDATE episode_members SET role = 'viewer' WHERE episode_id = $1 AND user_id = $2`, [episodeId, ids[1]]).then(
        () => 'done',
        (error: { constraint?: string }) => error.constraint,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('COMMIT');
      expect(await racing).toBe('episode_keeps_an_owner');
      await second.query('ROLLBACK');
    } finally {
      first.release();
      second.release();
    }
    expect(await ownerCount(episodeId)).toBe(1);
  });

  it('leaves one owner when every owner is demoted or removed at once, many times over', async () => {
    for (let round = 0; round < 4; round++) {
      const { episodeId, ids } = await episodeWithOwners(3);
      const { db } = app.context.services;
      const results = await Promise.allSettled(
        ids.map((id, n) =>
          n === 1
            ? db.deleteFrom('episode_members').where('episode_id', '=', episodeId).where('user_id', '=', id).execute()
            : db.updateTable('episode_members').set({ role: 'reviewer' }).where('episode_id', '=', episodeId).where('user_id', '=', id).execute(),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      expect(await ownerCount(episodeId)).toBe(1);
    }
  });

  it('answers the API with 409 for the last owner demoting or removing themselves, and changes nothing', async () => {
    const { episodeId } = await episodeWithOwners(1);
    const demoted = await owner.json<{ error: { code: string; message: string } }>('PUT', `/api/v1/episodes/${episodeId}/members`, { email: 'owner@example.com', role: 'editor' });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.message).toMatch(/at least one owner/);
    const removed = await owner.json<{ error: { code: string } }>('DELETE', `/api/v1/episodes/${episodeId}/members`, { email: 'owner@example.com' });
    expect(removed.status).toBe(409);
    expect(await ownerCount(episodeId)).toBe(1);
  });

  it('still deletes an episode with all its members', async () => {
    const { episodeId } = await episodeWithOwners(2);
    expect((await owner.request('DELETE', `/api/v1/episodes/${episodeId}`)).status).toBe(200);
    expect(await ownerCount(episodeId)).toBe(0);
  });
});

describe('the members list', () => {
  it('says how and when each member joined, and who added them', async () => {
    const { episodeId } = await episodeWithOwners(2);
    const { status, body } = await owner.json<{ members: { email: string; role: string; joined_via: string; joined_at: string; added_by_name: string | null }[] }>(
      'GET',
      `/api/v1/episodes/${episodeId}/members`,
    );
    expect(status).toBe(200);
    expect(body.members[0]).toMatchObject({ email: 'owner@example.com', role: 'owner', joined_via: 'created', added_by_name: null });
    expect(body.members[1]).toMatchObject({ role: 'owner', joined_via: 'added', added_by_name: 'Olga' });
    expect(Date.parse(body.members[1]!.joined_at)).toBeGreaterThan(Date.now() - 60_000);
  });
});
