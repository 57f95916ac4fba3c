/**
 * One listening connection serves every subscriber: a channel subscribed after it opened is
 * listened to as well, and when the last subscriber leaves the connection goes back to the pool,
 * listening to nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notifications } from '../../../server/db/notifications.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { eventually } from '../../support/server-process.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

describe('notifications', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const notify = (channel: string, payload: string) => sql`SELECT pg_notify(${channel}, ${payload})`.execute(database.db);
  const listeners = async () =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`.execute(database.db)).rows[0]?.n;

  it('delivers each channel to its subscribers over one connection, and gives it back when the last one leaves', async () => {
    const notifications = new Notifications({ pool: database.pool, log: quiet });
    const heard: string[] = [];
    const leaveFirst = notifications.subscribe('first_channel', { onNotification: (payload) => heard.push(`first:${payload}`) });
    await notifications.listen();
    const leaveSecond = notifications.subscribe('second_channel', { onNotification: (payload) => heard.push(`second:${payload}`) });
    // Listening on the open connection: once the second channel is listened to as well.
    await notifications.listen();
    await notify('first_channel', 'a');
    await notify('second_channel', 'b');
    await eventually(async () => heard.length === 2, 30_000, 'both notifications');
    expect(heard).toEqual(['first:a', 'second:b']);
    expect(await listeners()).toBe(1);

    await leaveFirst();
    await notify('first_channel', 'c');
    await notify('second_channel', 'd');
    await eventually(async () => heard.includes('second:d'), 30_000, 'the second channel only');
    expect(heard).toEqual(['first:a', 'second:b', 'second:d']);

    await leaveSecond();
    expect(database.pool.idleCount).toBe(database.pool.totalCount);
    // Its last statement was UNLISTEN *: nothing in the pool is left listening.
    expect(await listeners()).toBe(0);
    await notifications.close();
  });

  it('refuses a channel name that is not a plain identifier', () => {
    const notifications = new Notifications({ pool: database.pool, log: quiet });
    expect(() => notifications.subscribe('episode_changed; DROP TABLE users', { onNotification() {} })).toThrow(/not a channel name/);
  });
});
