import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { server } from '../testing/msw-server';
import { ApiError, REQUEST_TIMEOUT_MS, request, requestJson } from './api-client';

const never = () => new Promise<Response>(() => undefined);

afterEach(() => {
  vi.useRealTimers();
});

describe('request timeout', () => {
  it('gives up on a server that does not answer, with an error that says so', async () => {
    vi.useFakeTimers();
    server.use(http.get('/api/services', never));
    const answer = requestJson('/api/services', z.unknown());
    let error: unknown;
    const settled = answer.catch((caught: unknown) => (error = caught));
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    expect(error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 0,
      code: 'timeout',
      message: 'The server did not answer within 20 s.',
    });
  });

  it('leaves the caller’s own cancellation as it is', async () => {
    server.use(http.get('/api/services', never));
    const controller = new AbortController();
    const answer = request('/api/services', { signal: controller.signal });
    controller.abort();
    await expect(answer).rejects.not.toBeInstanceOf(ApiError);
  });

  it('does not cut a request that has answered', async () => {
    vi.useFakeTimers();
    server.use(http.get('/api/services', () => HttpResponse.json({ ok: true })));
    await expect(requestJson('/api/services', z.object({ ok: z.boolean() }))).resolves.toEqual({ ok: true });
    expect(vi.getTimerCount()).toBe(0);
  });
});
