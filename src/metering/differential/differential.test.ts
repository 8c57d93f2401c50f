import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeteringServer } from '../http/server';
import type { HttpRequest, Workload } from './cases';
import { aggregatesRequest, readRequest, searchRequest, workloadArb } from './cases';
import type { RequestFacts } from './differences';
import { VERSION_DIFFERENCES, allowedDifference } from './differences';
import { firstDifference, normalise } from './normalise';
import type { Ref } from './operations-grammar';
import { showsFirstOfManyColumns } from './operations-grammar';
import type { Answer, Target } from './target';
import { httpTarget } from './target';
import {
  ATTRIBUTES,
  POLICIES,
  batchBody,
  originalId,
  policyName,
  resourceBody,
  resourceTypeName,
} from './workload';

// The same randomised workload sent to the engine (in-process, on loopback) and to a real Gnocchi 4.4.2: the
// answers must agree once ids and bookkeeping are normalised, but for the version differences listed (as data)
// in differences.ts. Replay a failure with METERING_DIFF_SEED=<the seed printed>.

const REFERENCE_URL = process.env.GNOCCHI_REFERENCE_URL;
const SEED = Number(process.env.METERING_DIFF_SEED ?? 13_2026);
const HOW_TO_RUN =
  'differential test against Gnocchi 4.4.2 skipped: start it with `../shared/tools/gnocchi-reference start` ' +
  'and run with GNOCCHI_REFERENCE_URL=<the URL it prints last> (.ci/run does both)';

if (!REFERENCE_URL) console.warn(HOW_TO_RUN);

/** Everything one server needs to be spoken to about the shared workload. */
interface Side {
  readonly target: Target;
  /** metric id → `r<index>/<name>`, the same on both sides. */
  readonly names: Map<string, string>;
  /** resource index → metric name → this side's metric id. */
  readonly metricIds: Map<number, Map<string, string>>;
  readonly resourceIds: Map<number, string>;
}

interface Mismatch {
  readonly label: string;
  readonly request: string;
  readonly difference: string;
  readonly ours: unknown;
  readonly theirs: unknown;
}

const newSide = (target: Target): Side => ({
  target,
  names: new Map(),
  metricIds: new Map(),
  resourceIds: new Map(),
});

describe.skipIf(!REFERENCE_URL)('the engine answers as Gnocchi 4.4.2 does (differential)', () => {
  let server: FastifyInstance;
  let ours: Side;
  let theirs: Side;
  const prefix = `h13d${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
  const type = resourceTypeName(prefix);
  const mismatches: Mismatch[] = [];
  const allowed = new Map<string, number>();
  const statuses = { agreed: 0, agreedOk: 0 };
  let workload: Workload;

  beforeAll(async () => {
    const base = (REFERENCE_URL ?? '').replace(/\/+$/, '');
    // Set but not answering is a failure, never a skip: CI must not pass without having compared anything.
    const probe = await fetch(`${base}/v1/archive_policy`, {
      headers: { authorization: `Basic ${Buffer.from('admin:').toString('base64')}` },
      signal: AbortSignal.timeout(10_000),
    }).catch((error: unknown) => {
      throw new Error(`GNOCCHI_REFERENCE_URL=${base} does not answer: ${String(error)}`);
    });
    if (probe.status !== 200) throw new Error(`GNOCCHI_REFERENCE_URL=${base} answered ${probe.status}`);
    server = await createMeteringServer();
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    ours = newSide(httpTarget('engine', address));
    theirs = newSide(httpTarget('gnocchi', base));
    const [sample] = fc.sample(workloadArb(prefix), { seed: SEED, numRuns: 1 });
    if (sample === undefined) throw new Error('no workload drawn');
    workload = sample;
    console.log(`differential: seed ${SEED}, prefix ${prefix}, against ${base}`);
  }, 30_000);

  afterAll(async () => {
    await server?.close();
  });

  /** Sends one request to both, compares what comes back, and keeps the answers for the caller. */
  async function both(
    label: string,
    request: (side: Side) => HttpRequest,
    facts: RequestFacts = {},
  ): Promise<[Answer, Answer]> {
    const [o, t] = (await Promise.all(
      [ours, theirs].map((side) => {
        const r = request(side);
        return side.target.request(r.method, r.path, r.body);
      }),
    )) as [Answer, Answer];
    const on: Answer = { status: o.status, body: normalise(o.body, ours.names) };
    const tn: Answer = { status: t.status, body: normalise(t.body, theirs.names) };
    const difference =
      on.status !== tn.status ? `status ${on.status} ≠ ${tn.status}` : firstDifference(on.body, tn.body);
    if (difference === undefined) {
      statuses.agreed++;
      if (on.status < 300) statuses.agreedOk++;
    } else {
      const r = request(theirs);
      const accepted = allowedDifference(on, tn, r.body, facts);
      if (accepted !== undefined) allowed.set(accepted.id, (allowed.get(accepted.id) ?? 0) + 1);
      else {
        mismatches.push({
          label,
          request: `${r.method} ${decodeURIComponent(r.path)} ${r.body === undefined ? '' : JSON.stringify(r.body)}`,
          difference,
          ours: on,
          theirs: tn,
        });
      }
    }
    return [o, t];
  }

  const resolver =
    (side: Side) =>
    (ref: Ref): string =>
      ref.kind === 'metric'
        ? (side.metricIds.get(ref.resource)?.get(ref.name) ?? 'missing')
        : ref.kind === 'unknown'
          ? ref.id
          : ref.name;

  it('loads the same policies, resource type, resources and measures into both', async () => {
    for (const key of Object.keys(POLICIES) as (keyof typeof POLICIES)[]) {
      await both(`policy ${key}`, () => ({
        method: 'POST',
        path: '/v1/archive_policy',
        body: { name: policyName(prefix, key), back_window: 0, ...POLICIES[key] },
      }));
    }
    await both('resource type', () => ({
      method: 'POST',
      path: '/v1/resource_type',
      body: { name: type, attributes: ATTRIBUTES },
    }));
    for (const r of workload.resources) {
      // The metric ids are known only from the answers, so names are learned before comparing.
      const answers = await Promise.all(
        [ours, theirs].map((side) =>
          side.target.request('POST', `/v1/resource/${type}`, resourceBody(prefix, r)),
        ),
      );
      answers.forEach((answer, i) => {
        const side = i === 0 ? ours : theirs;
        const body = answer.body as { id?: string; metrics?: Record<string, string> };
        expect(answer.status, `${side.target.name} created ${originalId(prefix, r.index)}`).toBe(201);
        side.resourceIds.set(r.index, body.id ?? '');
        const ids = new Map(Object.entries(body.metrics ?? {}));
        side.metricIds.set(r.index, ids);
        for (const [name, id] of ids) side.names.set(id, `r${r.index}/${name}`);
      });
      await both(`resource ${r.index}`, (side) => ({
        method: 'GET',
        path: `/v1/resource/${type}/${side.resourceIds.get(r.index) ?? ''}`,
      }));
    }
    await both('batch measures', (side) => ({
      method: 'POST',
      path: '/v1/batch/resources/metrics/measures',
      body: batchBody(workload.resources, (r) => side.resourceIds.get(r.index) ?? ''),
    }));
    expect(ours.resourceIds).toEqual(theirs.resourceIds);
  }, 60_000);

  it('reads measures with gaps at several granularities as Gnocchi does', async () => {
    for (const read of workload.reads) {
      await both(`read r${read.resource}/${read.metric}`, (side) =>
        readRequest(read, type, side.resourceIds.get(read.resource) ?? ''),
      );
    }
  }, 60_000);

  it('finds the same resources for searches generated from the grammar (JSON and query string)', async () => {
    for (const [i, search] of workload.searches.entries()) {
      await both(`search ${i} (${search.form})`, () => searchRequest(search, type));
    }
  }, 60_000);

  it('aggregates as Gnocchi does, in metric-id and resource mode', async () => {
    for (const [i, c] of workload.aggregates.entries()) {
      await both(
        `aggregates ${i} (${c.mode}, ${c.form})`,
        (side) => aggregatesRequest(c, type, resolver(side)),
        {
          showsFirstOfManyColumns:
            c.mode === 'resource' && c.groupby.length > 0 && showsFirstOfManyColumns(c.operations),
        },
      );
    }
  }, 120_000);

  it('agrees everywhere but the listed version differences', () => {
    const total = statuses.agreed + mismatches.length + [...allowed.values()].reduce((a, b) => a + b, 0);
    console.log(
      `differential: ${total} requests, ${statuses.agreed} agreed (${statuses.agreedOk} of them 2xx), ` +
        `allowed differences ${JSON.stringify(Object.fromEntries(allowed))}, ${mismatches.length} mismatches ` +
        `(seed ${SEED}, prefix ${prefix})`,
    );
    // METERING_DIFF_DUMP=file keeps every mismatch whole, for a closer look than the lines below.
    if (process.env.METERING_DIFF_DUMP)
      writeFileSync(process.env.METERING_DIFF_DUMP, JSON.stringify(mismatches, null, 1));
    for (const m of mismatches.slice(0, 15)) {
      console.log(
        `\n✗ ${m.label}: ${m.difference}\n  ${m.request}\n  ours:    ${JSON.stringify(m.ours).slice(0, 600)}\n  gnocchi: ${JSON.stringify(m.theirs).slice(0, 600)}`,
      );
    }
    // Each allowed difference is one the list names, and the workload is not all errors.
    for (const id of allowed.keys()) expect(VERSION_DIFFERENCES.map((d) => d.id)).toContain(id);
    expect(statuses.agreedOk).toBeGreaterThan(total / 3);
    expect(mismatches.map((m) => `${m.label}: ${m.difference}`)).toEqual([]);
  });
});

/** Kept for vitest's listing when the suite above is skipped, so the skip says how to run it. */
describe.runIf(!REFERENCE_URL)('differential test against Gnocchi 4.4.2', () => {
  it.skip(HOW_TO_RUN, () => undefined);
});
