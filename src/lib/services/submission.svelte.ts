/**
 * The state of a form that calls the API: busy while it runs, and the error in words when it fails.
 */
export class Submission {
  busy = $state(false);
  error = $state('');

  /** Returns a submit handler that runs `action` once at a time and keeps its error. */
  handler(action: () => Promise<void>): (event: SubmitEvent) => Promise<void> {
    return async (event) => {
      event.preventDefault();
      if (this.busy) return;
      this.busy = true;
      this.error = '';
      try {
        await action();
      } catch (cause) {
        this.error = (cause as Error).message;
      } finally {
        this.busy = false;
      }
    };
  }
}
