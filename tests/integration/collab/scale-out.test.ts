/**
 * Two server processes' worth of collaboration servers on different ports, sharing Redis: a client
 * on each sees the same state and the other's presence, and a `dailies worker` process of its own,
 * changing state, is seen by both.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { othersPresent, PRESENCE_FIELD, type PresenceActivity } from '../../../src/lib/live/presence.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { childEnv, startCli, stopChild } from '../../support/cli.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';
import { connectLive, type LiveClient } from '../../support/live-client.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

const REDIS_URL = process.env.DAILIES_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers on REDIS_URL (it must in CI; elsewhere the suite says why it skips). */
async function redisAnswers(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const available = await redisAnswers();
/** Set in CI, where Redis is started for this test: there a missing Redis fails instead of skipping. */
const required = process.env.DAILIES_TEST_REQUIRE_REDIS === '1';
let context: TestContext;
let east: AppServer;
let west: AppServer;
let episodeId: string;
let token: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  if (!available) {
    if (required) throw new Error(`DAILIES_TEST_REQUIRE_REDIS=1 but no Redis answers on ${REDIS_URL}: start redis-server (or set DAILIES_TEST_REDIS_URL).`);
    return;
  }
  context = await createTestContext();
  // A prefix of its own, so parallel runs on one Redis never see each other.
  const shared = { redisUrl: REDIS_URL, redisPrefix: `dailies-test-${randomBytes(4).toString('hex')}` };
  east = await startAppServer(context, {}, shared);
  west = await startAppServer(context, {}, shared);
  const owner = await signedUpClient(east.base, 'owner@example.com', 'Ada Owner');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(context.services, 'Two lighthouses, one storm', 6, me.id)).id;
  const login = new TestClient(west.base);
  await login.post('/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD });
  token = (await login.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'live' })).body.token;
});
afterAll(async () => {
  for (const client of clients) client.close();
  await east?.close();
  await west?.close();
  await context?.cleanup();
});

function activity(slotInView: number): PresenceActivity {
  return { slotInView, playhead: 1.5, following: null };
}

describe.skipIf(!available && !required)(`two server instances sharing Redis (${REDIS_URL})`, () => {
  it('show a client on each the same state and each other’s presence', async () => {
    const onEast = connectLive(east.port, episodeId, token);
    const onWest = connectLive(west.port, episodeId, token);
    clients.push(onEast, onWest);
    await Promise.all([onEast.synced(), onWest.synced()]);
    onEast.provider.awareness!.setLocalStateField(PRESENCE_FIELD, activity(1));
    onWest.provider.awareness!.setLocalStateField(PRESENCE_FIELD, activity(2));
    const seenBy = async (client: LiveClient, slot: number) =>
      eventually(async () => {
        const others = othersPresent(client.provider.awareness!.getStates() as Map<number, Record<string, unknown>>, client.document.clientID);
        return [...others.values()].find((entry) => entry.slotInView === slot);
      }, 15_000, `someone on slot ${slot} to be present`);
    // Both carry the identity each server stamped from the same account.
    expect(await seenBy(onWest, 1)).toMatchObject({ name: 'Ada Owner', playhead: 1.5 });
    expect(await seenBy(onEast, 2)).toMatchObject({ name: 'Ada Owner' });

    // A change through one instance's API reaches the client of the other.
    const owner = new TestClient(east.base);
    await owner.post('/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD });
    const reversed = [...onWest.read()!.order].reverse();
    expect((await owner.put(`/api/v1/episodes/${episodeId}/order`, { order: reversed })).status).toBe(200);
    for (const client of [onEast, onWest]) await client.until((state) => state.order.join() === reversed.join(), 'the new order');
  });

  it('show both clients what a separate worker process does', async () => {
    const [onEast, onWest] = clients as [LiveClient, LiveClient];
    const worker = startCli(['worker'], childEnv({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir }));
    try {
      const owner = new TestClient(west.base);
      await owner.post('/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD });
      expect((await owner.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel', batch_size: 2 })).status).toBe(202);
      for (const client of [onEast, onWest]) {
        await client.until((state) => state.slots.length > 0 && state.slots.every((slot) => slot.status === 'completed'), 'every take to complete', 120_000);
      }
      expect(onEast.read()).toEqual(onWest.read());
    } finally {
      await stopChild(worker);
    }
  }, 180_000);
});
