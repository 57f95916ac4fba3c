/** Small formatting helpers shared by the pages. */

export function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value.toFixed(1)} s`;
}

export function formatBytes(value: number | null | undefined): string {
  if (!value) return '—';
  if (value < 1e6) return `${(value / 1e3).toFixed(0)} kB`;
  return `${(value / 1e6).toFixed(1)} MB`;
}

/** A person-readable label for a segment's state. */
export function segmentLabel(segment: { status: string; approval_status: string; progress: number; is_current?: boolean } | null): string {
  if (!segment || segment.status === 'pending') return 'not generated';
  if (segment.status === 'generating') return `generating ${segment.progress}%`;
  if (segment.status === 'completed') {
    // A take replaced before anyone decided on it waits for nothing.
    if (segment.approval_status === 'pending') return segment.is_current === false ? 'replaced' : 'awaiting review';
    return segment.approval_status.replace('_', ' ');
  }
  return segment.status;
}

/** m:ss (or h:mm:ss) for a position in a video. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday": how long before `now` a moment was (in the browser's language unless `locale`). */
export function formatAgo(moment: string | Date, now: Date = new Date(), locale?: string): string {
  const seconds = Math.round((now.getTime() - new Date(moment).getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return words.format(-Math.trunc(seconds / size), unit);
  }
  return words.format(-Math.sign(seconds), 'minute');
}

/** The exact date and time of a moment, for a tooltip beside `formatAgo`. */
export function formatMoment(moment: string | Date): string {
  return new Date(moment).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

const TRANSITION_WORDS: Record<string, string> = {
  cut: 'Cut',
  dissolve: 'Dissolve',
  fade: 'Fade through black',
  wipeleft: 'Wipe left',
  wiperight: 'Wipe right',
  slideleft: 'Slide left',
};

/** How a shot is joined to the one before it in a compile ("Dissolve in, 1 s"); empty for the compile's own. */
export function transitionInWords(transition: { style: string; duration_seconds?: number } | null): string {
  if (!transition) return '';
  const words = TRANSITION_WORDS[transition.style] ?? transition.style;
  if (transition.style === 'cut') return `${words} in`;
  return transition.duration_seconds !== undefined ? `${words} in, ${formatSeconds(transition.duration_seconds)}` : `${words} in`;
}
