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

describe("the metering API's errors", () => {
  it("keep Gnocchi's description, string or {cause, detail}, with a code of their status", async () => {
    server.use(
      http.post('/metering/v1/aggregates', () =>
        HttpResponse.json(
          { code: 400, title: 'Bad Request', description: 'Invalid filter: … (at char 8), (line:1, col:9)' },
          { status: 400 },
        ),
      ),
      http.get('/metering/v1/metric', () =>
        HttpResponse.json(
          { code: 400, description: { cause: 'Metrics not found', detail: ['vcpus'] } },
          { status: 400 },
        ),
      ),
    );
    await expect(request('/metering/v1/aggregates', { method: 'POST', body: {} })).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
      message: 'Invalid filter: … (at char 8), (line:1, col:9)',
    });
    await expect(request('/metering/v1/metric')).rejects.toMatchObject({
      message: 'Metrics not found: ["vcpus"]',
    });
  });
});
