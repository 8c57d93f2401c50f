import type { ChartRow } from './chart-model';

// The min–max band under a line as one SVG path: a closed polygon per run of points whose band is known (along
// the maxima, back along the minima), so a gap in the data is a gap in the band, never a bridge over it.

type Scale = (value: number) => number | undefined;

export function bandPath(rows: readonly ChartRow[], bandKey: string, x: Scale, y: Scale): string {
  let path = '';
  let upper: string[] = [];
  let lower: string[] = [];
  const close = () => {
    if (upper.length > 0) path += `M${upper.join('L')}L${lower.reverse().join('L')}Z`;
    upper = [];
    lower = [];
  };
  for (const row of rows) {
    const band = row[bandKey];
    const px = Array.isArray(band) ? x(row.t) : undefined;
    const top = Array.isArray(band) ? y(band[1]) : undefined;
    const bottom = Array.isArray(band) ? y(band[0]) : undefined;
    if (px === undefined || top === undefined || bottom === undefined) {
      close();
      continue;
    }
    upper.push(`${px},${top}`);
    lower.push(`${px},${bottom}`);
  }
  close();
  return path;
}
