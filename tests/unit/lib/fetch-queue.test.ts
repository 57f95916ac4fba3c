/**
 * A burst of new takes is fetched take by take: each once, a few at a time, a failed one again
 * only after a while.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FetchQueue } from '../../../src/lib/live/fetch-queue.ts';

/** A fetch the test answers by hand. */
function manualFetches() {
  const pending = new Map<string, { resolve: (value: string) => void; reject: (error: Error) => void }>();
  const asked: string[] = [];
  const fetchOne = (id: string) =>
    new Promise<string>((resolve, reject) => {
      asked.push(id);
      pending.set(id, { resolve, reject });
    });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { pending, asked, fetchOne, settle };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fetching new takes', () => {
  it('fetches each take once, at most three at a time, in the order asked', async () => {
    const { pending, asked, fetchOne, settle } = manualFetches();
    const fetched: string[] = [];
    const queue = new FetchQueue({ fetchOne, fetched: (id, value) => fetched.push(`${id}=${value}`), parallel: 3, retryAfter: 5000 });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'a', 'b']) queue.want(id);
    expect(asked).toEqual(['a', 'b', 'c']);
    pending.get('b')!.resolve('B');
    await settle();
    expect(asked).toEqual(['a', 'b', 'c', 'd']);
    for (const id of ['a', 'c', 'd']) pending.get(id)!.resolve(id.toUpperCase());
    await settle();
    expect(asked).toEqual(['a', 'b', 'c', 'd', 'e']);
    pending.get('e')!.resolve('E');
    await settle();
    queue.want('c');
    expect(asked).toHaveLength(5);
    expect(fetched.sort()).toEqual(['a=A', 'b=B', 'c=C', 'd=D', 'e=E']);
  });

  it('asks again for a take that failed only after a while', async () => {
    vi.useFakeTimers();
    const { pending, asked, fetchOne, settle } = manualFetches();
    const queue = new FetchQueue({ fetchOne, fetched: () => undefined, parallel: 3, retryAfter: 5000 });
    queue.want('a');
    pending.get('a')!.reject(new Error('unreachable'));
    await settle();
    queue.want('a');
    expect(asked).toEqual(['a']);
    vi.advanceTimersByTime(5000);
    queue.want('a');
    expect(asked).toEqual(['a', 'a']);
  });
});
