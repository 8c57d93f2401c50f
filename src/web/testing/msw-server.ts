import { setupServer } from 'msw/node';

/** The component tests' fake server; each test installs its handlers with `server.use(...)`. */
export const server = setupServer();
