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
export function segmentLabel(segment: { status: string; approval_status: string; progress: number } | null): string {
  if (!segment) return 'no segment';
  if (segment.status === 'generating') return `generating ${segment.progress}%`;
  if (segment.status === 'completed') return segment.approval_status === 'pending' ? 'awaiting review' : segment.approval_status.replace('_', ' ');
  return segment.status;
}
