/**
 * The state of a form that calls the API: busy while it runs, and the error in words when it fails.
 */
import { fieldErrorsOf } from './api.ts';

export class Submission {
  busy = $state(false);
  error = $state('');
  /** What the API said about each field (`path` → message), to show next to that field. */
  fields = $state<Record<string, string>>({});
  /**
   * False until the page is interactive: a click before hydration would submit the bare HTML form
   * and lose what was typed, so submit buttons stay disabled until then.
   */
  ready = $state(false);

  /** Construct during a component's initialisation (it registers an effect). */
  constructor() {
    $effect(() => {
      this.ready = true;
    });
  }

  /** Forgets the last error (what it was about was changed since). */
  clear(): void {
    this.error = '';
    this.fields = {};
  }

  /** Returns a submit handler that runs `action` once at a time and keeps its error. */
  handler(action: () => Promise<void>): (event: SubmitEvent) => Promise<void> {
    return async (event) => {
      event.preventDefault();
      if (this.busy) return;
      this.busy = true;
      this.error = '';
      this.fields = {};
      try {
        await action();
      } catch (cause) {
        const { '': whole, ...fields } = fieldErrorsOf(cause);
        this.fields = fields;
        this.error = whole ?? (Object.keys(fields).length > 0 ? 'Some fields need another look (see below each).' : (cause as Error).message);
      } finally {
        this.busy = false;
      }
    };
  }
}
