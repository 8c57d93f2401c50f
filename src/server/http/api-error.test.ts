import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../errors';
import { apiErrorHandler } from './api-error';
import { validatorCompiler } from './validation';

async function app() {
  const server = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setErrorHandler(apiErrorHandler);
  server.get('/checked', { schema: { querystring: z.object({ n: z.coerce.number() }) } }, () => 'ok');
  // A ZodError of the server's own making: an upstream answer that did not parse, say.
  server.get('/own', () => z.number().parse('not a number'));
  server.get('/missing', () => {
    throw new DomainError('missing', 'No such thing.');
  });
  server.get('/forbidden', () => {
    throw new DomainError('forbidden', 'Not yours.');
  });
  await server.ready();
  return server;
}

describe('apiErrorHandler', () => {
  it('answers a request its schema refused with 400, and a ZodError of the server’s own with 500', async () => {
    const server = await app();
    const refused = await server.inject('/checked?n=x');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      error: { code: 'bad_request', message: '✖ Invalid input: expected number, received NaN\n  → at n' },
    });
    const own = await server.inject('/own');
    expect(own.statusCode).toBe(500);
    expect(own.json<{ error: { code: string } }>().error.code).toBe('internal');
  });

  it('maps domain errors to 404 and 403, with their message', async () => {
    const server = await app();
    const missing = await server.inject('/missing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'No such thing.' } });
    const forbidden = await server.inject('/forbidden');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({ error: { code: 'forbidden', message: 'Not yours.' } });
  });
});
