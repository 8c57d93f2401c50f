import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { initI18n } from '../lib/i18n';
import { server } from './msw-server';

// Every component test: real i18n (English), an msw server that fails on any request no test expected,
// and a ResizeObserver, which jsdom lacks and charts and virtualised tables need.

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

// findBy… and waitFor wait up to 5 s, not 1: the suite shares two cores with the server's tests, and a page's
// first render under that load has taken more than a second (a Graphs page, in CI). A test asserts what is
// shown, not how fast; speed is the benches'.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(async () => {
  await initI18n('en');
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
