/**
 * The built-in renderer behind a remote-like front that can fail, refuse, and count the requests
 * and the renders running at once.
 */
import { createBuiltinVideoProvider } from '../../server/providers/builtin/builtin-video.provider.ts';
import { ProviderError } from '../../server/providers/errors.ts';
import type { VideoProvider, VideoRequest } from '../../server/providers/video.types.ts';

export class InstrumentedProvider implements VideoProvider {
  readonly id: string;
  readonly limits = { maxConcurrent: 4 };
  private readonly inner = createBuiltinVideoProvider();
  failuresLeft = new Map<string, number>();
  /** May wait before answering, to refuse a request only once something else has happened. */
  refuse: (request: VideoRequest) => boolean | Promise<boolean> = () => false;
  failFirst = 0;
  active = 0;
  maxActive = 0;
  submits = 0;
  requests: VideoRequest[] = [];

  constructor(id: string) {
    this.id = id;
  }

  async submit(request: VideoRequest, context: { workDir: string }) {
    this.submits += 1;
    this.requests.push(structuredClone(request));
    if (await this.refuse(request)) throw new ProviderError('refused_by_policy', this.id, 'This prompt violates the content policy.');
    const key = request.shot.prompt;
    const left = this.failuresLeft.get(key) ?? this.failFirst;
    if (left > 0) {
      this.failuresLeft.set(key, left - 1);
      throw new ProviderError('retryable', this.id, 'Upstream timed out (503).');
    }
    this.active += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    return this.inner.submit(request, context);
  }
  progress(jobId: string) {
    return this.inner.progress(jobId);
  }
  async result(jobId: string) {
    try {
      return await this.inner.result(jobId);
    } finally {
      this.active -= 1;
    }
  }
  cancel(jobId: string) {
    return this.inner.cancel(jobId);
  }
}
