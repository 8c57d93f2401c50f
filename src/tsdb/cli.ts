import { parseArgs } from 'node:util';
import { MemoryStore } from './memory-store';
import { createTsdbServer } from './server';
import { SqliteStore } from './sqlite-store';
import type { TsdbStore } from './store';

// `npm run tsdb -- --port P [--host H] [--data DIR]`: the engine alone, in memory unless --data is given.

const USAGE = 'usage: npm run tsdb -- --port <port> [--host <host>] [--data <dir>]';

function fail(message: string): never {
  process.stderr.write(`tsdb: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '4242' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port: ${values.port}`);
  const store: TsdbStore = values.data ? SqliteStore.open(values.data) : new MemoryStore();
  const app = await createTsdbServer({ store, logger: true });
  const address = await app.listen({ port, host: values.host });
  process.stdout.write(
    `tsdb listening on ${address} (${values.data ? `data in ${values.data}` : 'in memory'})\n`,
  );
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
