import { workerPort } from './worker-protocol';

// A thread for worker-client.test.ts: echoes its calls, fails on demand, and logs through the server's thread.

type EchoCall =
  { op: 'echo'; text: string } | { op: 'fail'; status: number } | { op: 'log' } | { op: 'close' };

const port = workerPort<EchoCall, string>();
port.serve(
  async (call) => {
    switch (call.op) {
      case 'echo':
        return call.text;
      case 'fail':
        throw Object.assign(new Error('refused'), { status: call.status });
      case 'log':
        port.log('something went wrong on the thread', new Error('disk full'));
        return undefined;
      case 'close':
        return undefined;
    }
  },
  (error) => ({ status: (error as { status: number }).status, detail: (error as Error).message }),
);
