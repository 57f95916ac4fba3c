/**
 * The built-in renderer, declaring that it takes a first frame and character pictures as an
 * image-to-video model does: the takes it makes continue from the approved take before them, so the
 * continuity graph records that link. It keeps the requests it was given.
 */
import { BuiltinVideoProvider } from '../../server/providers/builtin/builtin-video.provider.ts';
import type { VideoRequest } from '../../server/providers/video.types.ts';

export class ContinuingProvider extends BuiltinVideoProvider {
  readonly imageInput = { firstFrame: true, references: true };
  readonly requests: VideoRequest[] = [];

  override async submit(...args: Parameters<BuiltinVideoProvider['submit']>) {
    this.requests.push(args[0]);
    return super.submit(...args);
  }
}
