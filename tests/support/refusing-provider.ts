/**
 * The built-in renderer, except that it refuses any shot whose prompt says "refuse" (as a provider's
 * content policy would): a failure of a known kind, on demand.
 */
import { BuiltinVideoProvider } from '../../server/providers/builtin/builtin-video.provider.ts';
import { ProviderError } from '../../server/providers/errors.ts';

export class RefusingProvider extends BuiltinVideoProvider {
  override async submit(...args: Parameters<BuiltinVideoProvider['submit']>) {
    if (args[0].shot.prompt.includes('refuse')) throw new ProviderError('refused_by_policy', this.id, 'This prompt is refused.');
    return super.submit(...args);
  }
}
