import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gnocchiCliInstalled, runGnocchiCli } from '../testing/gnocchi-cli';
import { createMeteringServer } from './server';

// The real `gnocchi` command line (python3-gnocchiclient) against the engine, as an operator would use it.

const INSTALLED = gnocchiCliInstalled('gnocchi-cli.test');

let app: FastifyInstance;
let endpoint = '';

function gnocchi(...args: string[]): Promise<unknown> {
  return runGnocchiCli([
    '--os-auth-type',
    'gnocchi-basic',
    '--user',
    'admin',
    '--endpoint',
    endpoint,
    ...args,
    ...(args[1] === 'add' ? [] : ['-f', 'json']),
  ]);
}

describe.skipIf(!INSTALLED)('the gnocchi command line', () => {
  beforeAll(async () => {
    app = await createMeteringServer();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    endpoint = address;
  });
  afterAll(async () => {
    await app.close();
  });

  it('creates a type and resources with metrics, adds and shows measures, searches and aggregates', async () => {
    const type = (await gnocchi(
      'resource-type',
      'create',
      '-a',
      'host:string:true:max_length=10',
      '-a',
      'flavor:string:false',
      'server',
    )) as Record<string, unknown>;
    expect(type).toMatchObject({ name: 'server', state: 'active' });

    const vm1 = (await gnocchi(
      'resource',
      'create',
      '--type',
      'server',
      '-a',
      'host:h1',
      '-a',
      'flavor:big',
      '-n',
      'cpu:low',
      'vm-1',
    )) as Record<string, unknown>;
    expect(vm1).toMatchObject({ original_resource_id: 'vm-1', creator: 'admin', host: 'h1', type: 'server' });
    await gnocchi(
      'resource',
      'create',
      '--type',
      'server',
      '-a',
      'host:h2',
      '-a',
      'flavor:big',
      '-n',
      'cpu:low',
      'vm-2',
    );
    await gnocchi(
      'resource',
      'create',
      '--type',
      'server',
      '-a',
      'host:h3',
      '-a',
      'flavor:small',
      '-n',
      'cpu:low',
      'vm-3',
    );

    await gnocchi(
      'measures',
      'add',
      '-r',
      'vm-1',
      '-m',
      '2026-12-05T10:00:00@1',
      '-m',
      '2026-12-05T10:06:00@3',
      'cpu',
    );
    await gnocchi(
      'measures',
      'add',
      '-r',
      'vm-2',
      '-m',
      '2026-12-05T10:00:00@5',
      '-m',
      '2026-12-05T10:06:00@7',
      'cpu',
    );
    await gnocchi('measures', 'add', '-r', 'vm-3', '-m', '2026-12-05T10:00:00@100', 'cpu');

    expect(await gnocchi('measures', 'show', '-r', 'vm-1', '--refresh', 'cpu')).toEqual([
      { timestamp: '2026-12-05T10:00:00+00:00', granularity: 300, value: 1 },
      { timestamp: '2026-12-05T10:05:00+00:00', granularity: 300, value: 3 },
    ]);

    const found = (await gnocchi('resource', 'search', '--type', 'server', "host='h1'")) as { id: string }[];
    expect(found.map((r) => r.id)).toEqual([vm1.id]);

    expect(
      await gnocchi(
        'aggregates',
        '--resource-type',
        'server',
        '(aggregate mean (metric cpu mean))',
        "flavor='big'",
      ),
    ).toEqual([
      { name: 'aggregated', timestamp: '2026-12-05T10:00:00+00:00', granularity: 300, value: 3 },
      { name: 'aggregated', timestamp: '2026-12-05T10:05:00+00:00', granularity: 300, value: 5 },
    ]);
    const grouped = (await gnocchi(
      'aggregates',
      '--resource-type',
      'server',
      '--groupby',
      'host',
      '(metric cpu mean)',
      "flavor='big'",
    )) as { group: string; value: number }[];
    expect(grouped.map((row) => [row.group, row.value])).toEqual([
      ['host: h1', 1],
      ['host: h1', 3],
      ['host: h2', 5],
      ['host: h2', 7],
    ]);
  }, 120_000);
});
