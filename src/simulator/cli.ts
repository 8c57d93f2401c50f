import { parseArgs } from 'node:util';
import { DEMO_USERS } from './model/inventory';
import { DEMO_APPLICATION } from './ovh/auth';
import { DEMO_GUEST } from './guest/demo-guest';
import { GUEST_PREFIX } from './guest/guest-sim';
import { createSimulator } from './simulator';
import { GUEST_ENDPOINT } from '@/shared/guest/protocol';

// `npm run simulate -- --port P [--seed N] [--vms N] …`: the simulated Hosted Private Cloud on its own.

const USAGE = `Usage: npm run simulate -- [options]
  --port P           port to listen on (default 8090; 0 picks a free one)
  --host H           address to listen on (default 127.0.0.1)
  --seed N           model seed (default 1): same seed, same infrastructure
  --services N       PCC services (default 1)
  --datacenters N    datacenters per service (default 2)
  --hosts N          hosts per datacenter (default 6)
  --filers N         filers per datacenter (default 3)
  --global-filers N  global filers per service (default 1)
  --vms N            VMs in all (default 120; up to 20000)
  --latency MS       delay every upstream response by MS milliseconds
  --error-rate R     answer a fraction R (0..1) of upstream requests with a 500
  --no-batch         refuse X-Ovh-Batch requests (exercises the per-id fallback)`;

function fail(message: string): never {
  console.error(`simulate: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`--${name} must be an integer from ${min} to ${max}`);
  return value;
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        services: { type: 'string' },
        datacenters: { type: 'string' },
        hosts: { type: 'string' },
        filers: { type: 'string' },
        'global-filers': { type: 'string' },
        vms: { type: 'string' },
        latency: { type: 'string' },
        'error-rate': { type: 'string' },
        'no-batch': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const errorRate = values['error-rate'] === undefined ? 0 : Number(values['error-rate']);
  if (!(errorRate >= 0 && errorRate <= 1)) fail('--error-rate must be a number from 0 to 1');
  const port = integer('port', values.port, 8090, 0, 65535);
  const host = values.host ?? '127.0.0.1';
  const simulator = createSimulator({
    seed: integer('seed', values.seed, 1, 0, 2 ** 31 - 1),
    size: {
      services: integer('services', values.services, 1, 1, 50),
      datacenters: integer('datacenters', values.datacenters, 2, 1, 50),
      hosts: integer('hosts', values.hosts, 6, 1, 500),
      filers: integer('filers', values.filers, 3, 1, 200),
      globalFilers: integer('global-filers', values['global-filers'], 1, 0, 50),
      vms: integer('vms', values.vms, 120, 0, 20_000),
    },
    faults: {
      latencyMs: integer('latency', values.latency, 0, 0, 60_000),
      errorRate,
      batch: !values['no-batch'],
    },
    guest: { agents: true },
  });
  simulator.app.listen({ port, host }).then(
    (address) => {
      const users = DEMO_USERS.map((u) => `${u.name} / ${u.password}`).join(', ');
      console.log(`Simulated Hosted Private Cloud on ${address}
  OVH API   ${address}/ovh/1.0   (application key ${DEMO_APPLICATION.applicationKey}, secret ${DEMO_APPLICATION.applicationSecret}, consumer key ${DEMO_APPLICATION.consumerKey})
  vCenter   ${address}/vcenter/api/session   (users: ${users})
  guest     ${address}${GUEST_PREFIX}${GUEST_ENDPOINT}   (user ${DEMO_GUEST.user} / ${DEMO_GUEST.password}, agent key ${DEMO_GUEST.agentKey})
  admin     ${address}/_admin/state   (loopback only)`);
    },
    (error: Error) => fail(error.message),
  );
  const stop = () => void simulator.app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
