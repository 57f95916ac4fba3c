import type { Services } from '../../commands/services.ts';
import type { HttpSettings } from '../context.ts';

/** What every route factory receives. */
export interface RouteDeps {
  services: Services;
  settings: HttpSettings;
}
