import { parseArgs } from 'node:util';
import { checkTimeZone } from '../shared/guest/create-date';
import type { GuestServiceOptions } from './guest-service';

// The guest service's command line, checked before anything starts so a mistake is one clear line.

export const GUEST_USAGE =
  'usage: npm run guest -- --port <port> [--host <host>] [--data <dir>] [--user <name> --password <password>]\n' +
  '       [--agent-key <key>] [--time-zone <IANA zone>] [--agent-reserv-id <id>] [--retention-days <days>]\n' +
  '       [--agent-address <instance id>=<host> ...]';

/** The agent's default server address is http://localhost:8086/wsgi_app.py. */
export const DEFAULT_GUEST_PORT = 8086;

export interface GuestCliConfig {
  port: number;
  host: string;
  service: GuestServiceOptions;
}

export class GuestCliError extends Error {}

export function parseGuestArgs(args: readonly string[]): GuestCliConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string', default: String(DEFAULT_GUEST_PORT) },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'agent-key': { type: 'string' },
        'time-zone': { type: 'string', default: 'UTC' },
        'agent-reserv-id': { type: 'string' },
        'retention-days': { type: 'string' },
        'agent-address': { type: 'string', multiple: true },
      },
      strict: true,
    }));
  } catch (e) {
    throw new GuestCliError(e instanceof Error ? e.message : String(e));
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new GuestCliError(`invalid --port: ${values.port}`);
  if ((values.user === undefined) !== (values.password === undefined)) {
    throw new GuestCliError('--user and --password go together');
  }
  if (values.user === '' || values.password === '')
    throw new GuestCliError('--user and --password cannot be empty');
  if (values['agent-key'] === '') throw new GuestCliError('--agent-key cannot be empty');
  try {
    checkTimeZone(values['time-zone']);
  } catch (e) {
    throw new GuestCliError(`invalid --time-zone: ${e instanceof Error ? e.message : String(e)}`);
  }
  let retentionDays: number | undefined;
  if (values['retention-days'] !== undefined) {
    retentionDays = Number(values['retention-days']);
    if (!(retentionDays > 0))
      throw new GuestCliError(`invalid --retention-days: ${values['retention-days']}`);
  }
  return {
    port,
    host: values.host,
    service: {
      dataDir: values.data,
      users:
        values.user !== undefined && values.password !== undefined
          ? [{ name: values.user, password: values.password }]
          : [],
      agentKey: values['agent-key'] ?? null,
      timeZone: values['time-zone'],
      agentReservId: values['agent-reserv-id'] ?? null,
      retentionDays,
      agentAddresses: agentAddresses(values['agent-address'] ?? []),
    },
  };
}

/** `--agent-address ID=HOST`, once per agent whose command port is not where its reports come from. */
function agentAddresses(flags: readonly string[]): Map<string, string> {
  const addresses = new Map<string, string>();
  for (const flag of flags) {
    const at = flag.lastIndexOf('=');
    const id = flag.slice(0, at).trim();
    const host = flag.slice(at + 1).trim();
    if (at < 0 || id === '' || id.includes(';') || host === '' || /[\s/]/.test(host))
      throw new GuestCliError(`invalid --agent-address: ${flag} (expected <instance id>=<host>)`);
    if (addresses.has(id)) throw new GuestCliError(`--agent-address names ${id} twice`);
    addresses.set(id, host);
  }
  return addresses;
}
