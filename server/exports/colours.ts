/**
 * A note's author colour (`#rrggbb`) as the nearest of the named marker colours editing tools
 * offer (OTIO's MarkerColor names, which Resolve and Premiere also use).
 */
const NAMED: readonly [string, [number, number, number]][] = [
  ['RED', [230, 50, 50]],
  ['ORANGE', [240, 140, 30]],
  ['YELLOW', [235, 210, 40]],
  ['GREEN', [60, 180, 75]],
  ['CYAN', [40, 200, 210]],
  ['BLUE', [50, 100, 230]],
  ['PURPLE', [130, 70, 200]],
  ['MAGENTA', [220, 50, 200]],
  ['PINK', [245, 150, 180]],
  ['WHITE', [240, 240, 240]],
  ['BLACK', [20, 20, 20]],
];

/** The named colour closest to `hex` (RED when `hex` is not `#rrggbb`). */
export function markerColourName(hex: string): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return 'RED';
  const rgb = [match[1], match[2], match[3]].map((part) => Number.parseInt(part!, 16));
  let best = NAMED[0]!;
  let bestDistance = Infinity;
  for (const entry of NAMED) {
    const distance = entry[1].reduce((sum, value, index) => sum + (value - rgb[index]!) ** 2, 0);
    if (distance < bestDistance) [best, bestDistance] = [entry, distance];
  }
  return best[0];
}
