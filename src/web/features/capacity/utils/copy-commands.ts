import { aggregatesUrl, METERING_PATH, type AggregatesRequest } from './aggregates-request';

// The page's request as a command to paste in a terminal. The browser's session cannot go there: the commands
// read an API token from $TOKEN (see the README, "API tokens"), and never hold a secret themselves.

/** `value` as one POSIX shell word. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(origin: string, request: AggregatesRequest): string {
  return [
    'curl -sS -X POST',
    `-H "X-Auth-Token: $TOKEN"`,
    '-H "Content-Type: application/json"',
    shellQuote(origin + aggregatesUrl(request)),
    `-d ${shellQuote(JSON.stringify(request.body))}`,
  ].join(' \\\n  ');
}

export function gnocchiCommand(origin: string, request: AggregatesRequest): string {
  const { query, body } = request;
  const options = [
    `gnocchi --os-auth-type admin_token --os-endpoint ${shellQuote(origin + METERING_PATH.replace(/\/v1$/, ''))} --os-token "$TOKEN"`,
    `aggregates --resource-type ${shellQuote(body.resource_type)}`,
    `--start ${query.start} --stop ${query.stop} --granularity ${query.granularity} --fill ${query.fill}`,
    ...(query.groupby ? [`--groupby ${shellQuote(query.groupby)}`] : []),
    `${shellQuote(body.operations)} ${shellQuote(body.search)}`,
  ];
  return options.join(' \\\n  ');
}
