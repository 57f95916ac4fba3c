/**
 * Fetches things by id for a page following a live document: each id once (asking again for an
 * id asked for already does nothing), at most `parallel` at a time, in the order asked. One that
 * could not be fetched may be asked for again after `retryAfter` ms, not at once: a page asks on
 * every live change, and a failing request must not be made as often.
 */
export class FetchQueue<T> {
  readonly #waiting: string[] = [];
  readonly #asked = new Set<string>();
  #running = 0;
  readonly #fetchOne: (id: string) => Promise<T>;
  readonly #fetched: (id: string, value: T) => void;
  readonly #parallel: number;
  readonly #retryAfter: number;

  constructor(options: { fetchOne: (id: string) => Promise<T>; fetched: (id: string, value: T) => void; parallel: number; retryAfter: number }) {
    this.#fetchOne = options.fetchOne;
    this.#fetched = options.fetched;
    this.#parallel = options.parallel;
    this.#retryAfter = options.retryAfter;
  }

  want(id: string): void {
    if (this.#asked.has(id)) return;
    this.#asked.add(id);
    this.#waiting.push(id);
    this.#pump();
  }

  #pump(): void {
    while (this.#running < this.#parallel && this.#waiting.length > 0) {
      const id = this.#waiting.shift()!;
      this.#running++;
      this.#fetchOne(id)
        .then((value) => this.#fetched(id, value))
        .catch(() => setTimeout(() => this.#asked.delete(id), this.#retryAfter))
        .finally(() => {
          this.#running--;
          this.#pump();
        });
    }
  }
}
