import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

// Failed polls are retried once, then the last data stays on screen with a stale banner until the next poll;
// errors that retrying cannot fix (401, 403, 404, 400) are not retried at all, nor is a poll that timed out:
// it has kept the screen waiting long enough, and a retry would hold the stale banner back as long again.
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  if (error instanceof ApiError && error.code === 'timeout') return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, retryDelay: 3_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
