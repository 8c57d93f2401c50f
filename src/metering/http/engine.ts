import type { FastifyReply, FastifyRequest } from 'fastify';
import { GnocchiError } from '../errors';
import type { Indexer } from '../indexer/indexer';
import type { MeasureStore } from '../storage/measure-store';
import type { NonFiniteStyle } from './json-writer';
import { writeJson } from './json-writer';

// What every route module needs: the indexer, the measure store, the clock and the JSON writer's choice.

export interface MeteringEngine {
  readonly indexer: Indexer;
  readonly store: MeasureStore;
  /** Now, in microseconds since the epoch. */
  readonly nowUs: () => number;
  readonly nonFinite: NonFiniteStyle;
}

/** Gnocchi's deserialize(): only application/json bodies, else 415 with an empty description. */
export function jsonBody(request: FastifyRequest): unknown {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new GnocchiError(415, '');
  return request.body;
}

export function sendJson(
  engine: MeteringEngine,
  reply: FastifyReply,
  status: number,
  value: unknown,
): FastifyReply {
  return reply.code(status).type('application/json').send(writeJson(value, engine.nonFinite));
}

export function queryOf(request: FastifyRequest): Record<string, string | string[] | undefined> {
  return request.query as Record<string, string | string[] | undefined>;
}

/** The last value of a query argument given once or more. */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = queryOf(request)[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** Gnocchi's strtobool for query flags such as refresh, details and create_metrics. */
export function queryFlag(request: FastifyRequest, name: string): boolean {
  const value = queryValue(request, name);
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(lower)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(lower)) return false;
  throw new GnocchiError(400, `Unable to parse \`${name}': invalid truth value ${pyRepr(value)}`);
}

function pyRepr(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/'/g, "\\'")}'`;
}
