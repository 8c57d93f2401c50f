import { ConfigError, loadConfig } from '../config/config';
import { DEMO_LOCAL_USERS } from './auth/demo-accounts';
import { messageOf } from './errors';
import { createLogger } from './logging';
import { startServer } from './server';

// `npm start`: the dashboard. A bad configuration stops here with every problem named.

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  const server = await startServer(config, { logger });
  const logins = DEMO_LOCAL_USERS.map((u) => `${u.username} / ${u.password}`).join(', ');
  console.log(
    config.mode === 'demo'
      ? `vScope dashboard (demo mode, simulated infrastructure) on ${server.address}\n  sign in with ${logins}`
      : `vScope dashboard on ${server.address} (OVH API ${config.ovh?.baseUrl})`,
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('vScope dashboard failed to start:', messageOf(error));
  process.exit(1);
});
