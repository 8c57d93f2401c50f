import { describe, expect, it } from 'vitest';
import { curlCommand, gnocchiCommand, shellQuote } from './copy-commands';

const request = {
  query: {
    start: '2026-12-01T00:00:00.000Z',
    stop: '2026-12-04T00:00:00.000Z',
    granularity: '86400',
    fill: '0',
    groupby: 'folder',
  },
  body: {
    operations: '(aggregate sum (metric vcpus mean))',
    resource_type: 'vm',
    search: `(name like "o'brien%") and service = "pcc-1" and datacenter_id = 886`,
  },
};

describe('copy commands', () => {
  it('quotes for a POSIX shell, a single quote included', () => {
    expect(shellQuote('vm')).toBe('vm');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('gives curl the exact URL and body, and a $TOKEN placeholder', () => {
    expect(curlCommand('https://dash.example', request)).toBe(
      [
        'curl -sS -X POST',
        '-H "X-Auth-Token: $TOKEN"',
        '-H "Content-Type: application/json"',
        "'https://dash.example/metering/v1/aggregates?start=2026-12-01T00%3A00%3A00.000Z&stop=2026-12-04T00%3A00%3A00.000Z&granularity=86400&fill=0&groupby=folder'",
        `-d '{"operations":"(aggregate sum (metric vcpus mean))","resource_type":"vm","search":"(name like \\"o'\\''brien%\\") and service = \\"pcc-1\\" and datacenter_id = 886"}'`,
      ].join(' \\\n  '),
    );
  });

  it('gives the gnocchi CLI the same question, with the token from the environment', () => {
    const command = gnocchiCommand('https://dash.example', request);
    expect(command).toContain(
      '--os-auth-type admin_token --os-endpoint https://dash.example/metering --os-token "$TOKEN"',
    );
    expect(command).toContain('aggregates --resource-type vm');
    expect(command).toContain(
      '--start 2026-12-01T00:00:00.000Z --stop 2026-12-04T00:00:00.000Z --granularity 86400 --fill 0',
    );
    expect(command).toContain('--groupby folder');
    expect(command).toContain(
      `'(aggregate sum (metric vcpus mean))' '(name like "o'\\''brien%") and service`,
    );
  });
});
