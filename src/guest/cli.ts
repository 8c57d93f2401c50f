import { GUEST_ENDPOINT } from '../shared/guest/protocol';
import { GUEST_USAGE, GuestCliError, parseGuestArgs } from './cli-args';
import { createGuestService } from './guest-service';

// `npm run guest -- --port P …`: the guest-monitoring service alone, in memory unless --data is given.

function fail(message: string): never {
  process.stderr.write(`guest: ${message}\n${GUEST_USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let config;
  try {
    config = parseGuestArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof GuestCliError) fail(e.message);
    throw e;
  }
  const { service: options } = config;
  const service = await createGuestService({ ...options, logger: true });
  const address = await service.app.listen({ port: config.port, host: config.host });
  const notes = [
    options.dataDir ? `data in ${options.dataDir}` : 'in memory',
    options.users?.length ? `user ${options.users[0]?.name}` : 'no user: queries cannot log in',
    options.agentKey ? 'agent reports accepted with the agent key' : 'no --agent-key: agent reports refused',
    `create_date in ${options.timeZone}`,
  ];
  process.stdout.write(`guest service on ${address}${GUEST_ENDPOINT} (${notes.join('; ')})\n`);
  const stop = () => {
    void service.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
