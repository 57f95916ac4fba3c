/**
 * The shape of a take's picture, so that a vertical take is shown tall rather than letterboxed
 * into a landscape box.
 */

/** A picture's size in pixels, and whether it is taller than wide. */
export interface PictureShape {
  width: number;
  height: number;
  vertical: boolean;
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);

/**
 * The picture's size: what the take was made with (`width` and `height` in its parameters), else
 * the size measured from its file (`resolution`, "720x1280"), else what the loaded video reports;
 * undefined while none is known.
 */
export function takeShape(
  params: Record<string, unknown>,
  resolution: string | null,
  intrinsic?: { width: number; height: number },
): PictureShape | undefined {
  const measured = /^(\d+)x(\d+)$/.exec(resolution ?? '');
  const candidates: [unknown, unknown][] = [
    [params.width, params.height],
    [measured ? Number(measured[1]) : undefined, measured ? Number(measured[2]) : undefined],
    [intrinsic?.width, intrinsic?.height],
  ];
  for (const [w, h] of candidates) {
    const width = positive(w);
    const height = positive(h);
    if (width && height) return { width, height, vertical: height > width };
  }
  return undefined;
}
