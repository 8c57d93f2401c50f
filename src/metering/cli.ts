import { parseArgs } from 'node:util';
import { createMeteringServer } from './http/server';

// `npm run metering -- --port P [--host H] [--data DIR] [--bare-non-finite]`: the Gnocchi-compatible engine,
// in memory unless --data is given, on loopback unless --host says otherwise.

const USAGE = 'usage: npm run metering -- --port <port> [--host <host>] [--data <dir>] [--bare-non-finite]';

function fail(message: string): never {
  process.stderr.write(`metering: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8041' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        'bare-non-finite': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port: ${values.port}`);
  const app = await createMeteringServer({
    ...(values.data ? { dataDir: values.data } : {}),
    nonFinite: values['bare-non-finite'] ? 'bare' : 'string',
    logger: true,
  });
  const address = await app.listen({ port, host: values.host });
  process.stdout.write(
    `metering listening on ${address} (${values.data ? `data in ${values.data}` : 'in memory'})\n`,
  );
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
