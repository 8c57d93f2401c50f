import { parse as parseForm } from 'node:querystring';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createStartMonitorForwarder } from './start-monitor';

const agents: FastifyInstance[] = [];
afterEach(async () => {
  for (const agent of agents.splice(0)) await agent.close();
});

/** The agent's web.py command server: POST /api/cmd, form field data, 403 for a wrong reserv_id. */
async function fakeAgent(reservId: string): Promise<{ port: number; received: unknown[] }> {
  const received: unknown[] = [];
  const agent = Fastify();
  agents.push(agent);
  agent.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parseForm(body as string));
    },
  );
  agent.post('/api/cmd', async (request, reply) => {
    const command = JSON.parse(String((request.body as { data?: string }).data)) as { reserv_id: unknown };
    received.push(command);
    return command.reserv_id === reservId ? 'ok' : reply.code(403).send('forbidden');
  });
  await agent.listen({ port: 0, host: '127.0.0.1' });
  const address = agent.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, received };
}

describe('createStartMonitorForwarder', () => {
  it('posts start_monitor with the reserv_id as the agent form expects', async () => {
    const { port, received } = await fakeAgent('token-1');
    await createStartMonitorForwarder({ port, reservId: 'token-1' })('127.0.0.1', 'vm-1');
    expect(received).toEqual([{ method: 'start_monitor', reserv_id: 'token-1' }]);
  });

  it('fails when the agent refuses the reserv_id or does not answer', async () => {
    const { port } = await fakeAgent('token-1');
    await expect(
      createStartMonitorForwarder({ port, reservId: 'wrong' })('127.0.0.1', 'vm-1'),
    ).rejects.toThrow(/HTTP 403/);
    const silent = Fastify();
    agents.push(silent);
    silent.post('/api/cmd', () => new Promise(() => undefined));
    await silent.listen({ port: 0, host: '127.0.0.1' });
    const address = silent.server.address();
    const silentPort = typeof address === 'object' && address ? address.port : 0;
    await expect(
      createStartMonitorForwarder({ port: silentPort, timeoutMs: 100 })('127.0.0.1', 'vm-1'),
    ).rejects.toThrow();
  });
});
