import { describe, expect, it } from 'vitest';
import { DEFAULT_GUEST_PORT, parseGuestArgs } from './cli-args';

describe('parseGuestArgs', () => {
  it('defaults to the agent port on loopback, in memory, UTC, with reports refused', () => {
    expect(parseGuestArgs([])).toEqual({
      port: DEFAULT_GUEST_PORT,
      host: '127.0.0.1',
      service: {
        dataDir: undefined,
        users: [],
        agentKey: null,
        timeZone: 'UTC',
        agentReservId: null,
        retentionDays: undefined,
        agentAddresses: new Map(),
      },
    });
  });

  it('reads every flag', () => {
    const config = parseGuestArgs([
      '--port=9000',
      '--host=0.0.0.0',
      '--data=/tmp/guest',
      '--user=admin',
      '--password=123456',
      '--agent-key=11111111',
      '--time-zone=Asia/Shanghai',
      '--agent-reserv-id=token',
      '--retention-days=3',
      '--agent-address=6abf5a1e=10.0.0.7',
      '--agent-address',
      'db-1=fd00::7',
    ]);
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      service: {
        dataDir: '/tmp/guest',
        users: [{ name: 'admin', password: '123456' }],
        agentKey: '11111111',
        timeZone: 'Asia/Shanghai',
        agentReservId: 'token',
        retentionDays: 3,
        agentAddresses: new Map([
          ['6abf5a1e', '10.0.0.7'],
          ['db-1', 'fd00::7'],
        ]),
      },
    });
  });

  it.each([
    [['--port=http'], /invalid --port: http/],
    [['--port=70000'], /invalid --port/],
    [['--user=admin'], /--user and --password go together/],
    [['--password=x'], /--user and --password go together/],
    [['--user=', '--password=x'], /cannot be empty/],
    [['--agent-key='], /--agent-key cannot be empty/],
    [['--time-zone=Mars/Base'], /invalid --time-zone: unknown time zone: Mars\/Base/],
    [['--retention-days=0'], /invalid --retention-days: 0/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['--agent-address=10.0.0.7'], /invalid --agent-address: 10.0.0.7 \(expected/],
    [['--agent-address==10.0.0.7'], /invalid --agent-address/],
    [['--agent-address=a;b=10.0.0.7'], /invalid --agent-address/],
    [['--agent-address=db-1=http://10.0.0.7/'], /invalid --agent-address/],
    [['--agent-address=a=h1', '--agent-address=a=h2'], /names a twice/],
  ])('refuses %j', (args, message) => {
    expect(() => parseGuestArgs(args)).toThrow(message);
  });
});
