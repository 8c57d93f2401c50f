import { beforeEach, vi } from 'vitest';

/** jsdom lays nothing out, so a chart's container measures 0 px and recharts draws nothing: tests give every
 * element the size a chart box has in a browser. */
export function withChartSize(width = 800, height = 200): void {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({
      width,
      height,
      top: 0,
      left: 0,
      right: width,
      bottom: height,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
  });
}
