import { join } from 'node:path';
import type { Config } from '@/config/config';
import { MetricsTokenSchema } from '@/shared/ovh/envelopes';
import { MemoryStore } from '@/tsdb';
import type { OvhClient } from '../upstream/ovh/client';
import { EmbeddedOpenTsdbEndpoint } from '../upstream/opentsdb/embedded-endpoint';
import type { OpenTsdbEndpoint } from '../upstream/opentsdb/endpoint';
import { HttpOpenTsdbEndpoint } from '../upstream/opentsdb/http-endpoint';
import { ThreadedOpenTsdbEndpoint } from '../upstream/opentsdb/threaded-endpoint';
import type { Log } from '../logging';

// Where Graphs read history and where the recorder writes it, from the configuration: the embedded tsdb, an
// external OpenTSDB, or the endpoint and token OVH's historical metricsToken route hands out per PCC.

export interface History {
  endpointFor: (serviceName: string) => Promise<OpenTsdbEndpoint>;
  /** Where live values are recorded; absent when history is read-only (a metricsToken endpoint). */
  recordTarget?: OpenTsdbEndpoint;
  close: () => Promise<void>;
}

export interface HistoryUpstream {
  client: OvhClient;
  /** The id of a PCC user by name, as the inventory finds it (OVH's name filter alone is a LIKE). */
  pccUserId: (serviceName: string, pccUser: string) => Promise<number | undefined>;
}

export function createHistory(
  config: Pick<Config, 'history' | 'dataDir'>,
  upstream: HistoryUpstream,
  log: Log,
): History {
  const { client } = upstream;
  const history = config.history;
  if (history.source === 'embedded') {
    // The store takes a directory: ':memory:' would become a folder of that name in the working directory.
    const endpoint =
      config.dataDir === ':memory:'
        ? new EmbeddedOpenTsdbEndpoint(new MemoryStore())
        : ThreadedOpenTsdbEndpoint.open(join(config.dataDir, 'tsdb'), log);
    return {
      endpointFor: () => Promise.resolve(endpoint),
      recordTarget: endpoint,
      close: () => endpoint.close(),
    };
  }
  if (history.source === 'opentsdb') {
    const endpoint = new HttpOpenTsdbEndpoint({ url: history.url, token: history.token });
    return {
      endpointFor: () => Promise.resolve(endpoint),
      recordTarget: endpoint,
      close: () => Promise.resolve(),
    };
  }
  const endpoints = new Map<string, Promise<OpenTsdbEndpoint>>();
  const issue = async (serviceName: string): Promise<OpenTsdbEndpoint> => {
    const userId = await upstream.pccUserId(serviceName, history.pccUser);
    if (userId === undefined) {
      throw new Error(`no PCC user ${history.pccUser} on ${serviceName} to request a metrics token for`);
    }
    const token = MetricsTokenSchema.parse(
      await client.request(`/dedicatedCloud/${serviceName}/user/${userId}/metricsToken`, { method: 'POST' }),
    );
    return new HttpOpenTsdbEndpoint({ url: token.opentsdbEndpoint, token: token.token });
  };
  return {
    endpointFor: (serviceName) => {
      let endpoint = endpoints.get(serviceName);
      if (!endpoint) {
        endpoint = issue(serviceName).catch((error: unknown) => {
          // Forget a failed issue so the next graph asks again instead of failing forever.
          endpoints.delete(serviceName);
          log.warn({ err: error, serviceName }, 'metrics token request failed');
          throw error;
        });
        endpoints.set(serviceName, endpoint);
      }
      return endpoint;
    },
    close: () => Promise.resolve(),
  };
}
