import { createTsdbServer, SqliteStore } from '../src/tsdb';

// Started by tsdb.bench.ts: the tsdb over SQLite in a process of its own, so that its memory and its event
// loop are measured without the client's. Arguments: the data folder and the clock (epoch ms).

const [dir = '', now = ''] = process.argv.slice(2);
const app = await createTsdbServer({
  store: SqliteStore.open(dir, { now: () => Number(now) }),
  now: () => Number(now),
  // A million 65-byte points; engines without the option took up to 64 MiB.
  putBodyLimit: 128 * 1024 * 1024,
});
process.stdout.write(`${await app.listen({ port: 0, host: '127.0.0.1' })}\n`);
