import { afterEach, beforeEach } from 'vitest';

/** jsdom lays nothing out, so a scroll box is 0 px tall and a virtualised table shows no row at all. Tests give
 * the table's scroll box the height a browser window would, so they see the window of rows a user sees. */
export function withTableViewport(heightPx = 600): void {
  let restore: (() => void) | undefined;
  beforeEach(() => {
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('data-table-scroll') ? heightPx : 0;
      },
    });
    restore = () => {
      if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
    };
  });
  afterEach(() => restore?.());
}
