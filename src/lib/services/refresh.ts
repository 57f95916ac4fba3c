/**
 * Reloads the page data after a live change, unless the person is already leaving the page:
 * SvelteKit lets the newest navigation win, so a reload started while a clicked link loads would
 * cancel the click.
 */
import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';

export function refreshPageData(): void {
  if (navigating.to) return;
  void invalidateAll();
}
