import type { FastifyRequest } from 'fastify';
import { GnocchiError } from '@/metering';
import type { GnocchiAnswer, GnocchiMethod, GnocchiTransport } from '@/server/metering/gnocchi-transport';
import { JsonText } from '@/server/metering/gnocchi-transport';
import { datacenterFilter } from './scoped-search';

// What the metering proxy asks the remote Gnocchi, with the server's own credentials, on behalf of one request.
// The caller sees only a status and a JSON body: none of the upstream's headers (its cookies, its auth
// challenge) and none of its addresses.

/** An upstream answer handed to the caller as it is (an error Gnocchi described, or a read it allowed). */
export class UpstreamAnswer extends Error {
  constructor(readonly answer: GnocchiAnswer) {
    super(`Gnocchi answered ${answer.status}`);
    this.name = 'UpstreamAnswer';
  }
}

/** A resource as its own type shows it: its attributes and the base ones. */
export type ResourceJson = Readonly<Record<string, unknown>> & { readonly id: string; readonly type: string };

interface ResourceTypeJson {
  readonly name: string;
  readonly attributes: Readonly<Record<string, { readonly type?: string } | undefined>>;
}

/** Whether a type's resources carry the datacenter attributes a search can scope by. */
export const carriesDatacenter = ({ attributes }: ResourceTypeJson) =>
  attributes.service?.type === 'string' && attributes.datacenter_id?.type === 'number';

// Gnocchi's default api.max_limit: a page of a listing is never longer.
const PAGE = 1000;

export const segment = encodeURIComponent;

/**
 * Whether each segment of the path names one thing, as the route that checked it read it. The URL parser
 * under fetch resolves `..` and `%2e%2e` (and a backslash as a slash), and Gnocchi's WSGI server decodes
 * `%2F`: either would let `/v1/resource/vm/MINE/../OTHER` reach a resource other than the one checked. No
 * Gnocchi id or name holds a slash, so such a path names nothing that exists.
 */
function onePathPerSegment(path: string): boolean {
  const query = path.indexOf('?');
  const segments = (query < 0 ? path : path.slice(0, query)).split('/').slice(1);
  return segments.every((raw, i) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return false;
    }
    const last = i === segments.length - 1;
    return (
      (decoded !== '' || last) &&
      decoded !== '.' &&
      decoded !== '..' &&
      !decoded.includes('/') &&
      !decoded.includes('\\')
    );
  });
}

export class UpstreamReader {
  constructor(
    private readonly transport: GnocchiTransport,
    private readonly request: FastifyRequest,
  ) {}

  async ask(method: GnocchiMethod, path: string, body?: JsonText): Promise<GnocchiAnswer> {
    if (!onePathPerSegment(path)) throw new GnocchiError(404, 'The resource could not be found.');
    const answer = await this.transport.request(method, path, body);
    if (answer.status === 0) {
      this.request.log.warn({ upstream: this.transport.label, reason: answer.text }, 'metering unreachable');
      throw new GnocchiError(503, 'The metering service cannot be reached.');
    }
    // The server's credentials, not the caller's: a caller must not read it as its own being refused.
    if (answer.status === 401) {
      this.request.log.error({ upstream: this.transport.label }, 'metering refused the server’s credentials');
      throw new GnocchiError(502, 'The metering service refused the dashboard’s credentials.');
    }
    return answer;
  }

  /** A 200 answer's body; any other answer is handed to the caller. */
  async read<T>(path: string, body?: JsonText): Promise<T> {
    const answer = await this.ask(body === undefined ? 'GET' : 'POST', path, body);
    if (answer.status !== 200) throw new UpstreamAnswer(answer);
    return JSON.parse(answer.text) as T;
  }

  /** The resource as its own type shows it: read as `generic` (or a metric's), it has none of its attributes. */
  async resource(type: string, id: string): Promise<ResourceJson> {
    const found = await this.read<ResourceJson>(`/v1/resource/${segment(type)}/${segment(id)}`);
    if (typeof found.type !== 'string' || typeof found.id !== 'string')
      throw new GnocchiError(404, `Resource ${id} does not exist`);
    return found.type === type
      ? found
      : this.read<ResourceJson>(`/v1/resource/${segment(found.type)}/${segment(found.id)}`);
  }

  async resourceType(name: string): Promise<ResourceTypeJson> {
    return this.read<ResourceTypeJson>(`/v1/resource_type/${segment(name)}`);
  }

  /** The ids of every resource of the visible datacenters, through each type that carries their attributes. */
  async visibleIds(visible: ReadonlySet<string>): Promise<string[]> {
    const scope = new JsonText(JSON.stringify(datacenterFilter(visible)));
    const types = await this.read<ResourceTypeJson[]>('/v1/resource_type');
    const ids: string[] = [];
    for (const type of types.filter(carriesDatacenter)) {
      for (let marker = ''; ;) {
        const query = new URLSearchParams({ limit: String(PAGE), sort: 'id:asc', attrs: 'id' });
        if (marker !== '') query.set('marker', marker);
        const page = await this.read<{ id: string }[]>(
          `/v1/search/resource/${segment(type.name)}?${query}`,
          scope,
        );
        ids.push(...page.map((r) => r.id));
        if (page.length < PAGE) break;
        marker = page[page.length - 1]!.id;
      }
    }
    return ids;
  }
}
