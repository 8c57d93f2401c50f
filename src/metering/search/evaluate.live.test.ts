import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GnocchiError } from '../errors';
import { type AttributeKind, compileFilter, type SearchableResource } from './evaluate';
import { validateFilter } from './filter-schema';

// Opt-in differential check against a real Gnocchi (METERING_SEARCH_LIVE_GNOCCHI=http://127.0.0.1:58041, user
// admin): the same random JSON filters are searched there and matched here. Gnocchi's 500s (values only
// PostgreSQL refuses) are skipped; everything else — result sets and 400 texts — must agree.
const BASE = process.env.METERING_SEARCH_LIVE_GNOCCHI;
const TYPE = `h13s_live_${process.pid}`;
const AUTH = { Authorization: `Basic ${Buffer.from('admin:').toString('base64')}` };
const JSON_HEADERS = { ...AUTH, 'Content-Type': 'application/json', Accept: 'application/json' };
const ATTRIBUTES: Record<string, AttributeKind> = { s: 'string', n: 'number', b: 'bool', d: 'datetime' };

let seed = 1;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const STRINGS = ['a', 'b', 'A', '1', '1.0', 'a_b', 'a%', 'True', null];
const NUMBERS = [1, 2.5, -1, 0, null];
const DATES = ['2020-01-01T00:00:00', '2021-06-01T12:00:00', null];
const USERS = ['alice', 'Bob', 'bob', null];
const VALUES: Record<string, readonly unknown[]> = {
  s: [...STRINGS, 1, 1.5, true],
  n: [...NUMBERS, '1', 'x', '2.5'],
  b: [true, false, null, 'true', 't', 'no'],
  d: [...DATES, '2020-06-01', 'x', 1600000000],
  user_id: [...USERS, 'b%', '%o%', 'B_b'],
  project_id: USERS,
  lifespan: [3600, '1 hour', '1 day', 60],
  created_by_user_id: ['admin', 'x'],
  created_by_project_id: ['admin'],
};
const OPERATORS = ['=', '!=', '<', '>=', 'like', 'in', 'ne', '≥'];

function randomFilter(depth: number): unknown {
  const r = random();
  if (depth < 2 && r < 0.15) return { not: randomFilter(depth + 1) };
  if (depth < 2 && r < 0.35)
    return { [pick(['and', 'or', '∧', '∨'])]: [randomFilter(depth + 1), randomFilter(depth + 1)] };
  const field = pick(Object.keys(VALUES));
  const values = VALUES[field] ?? [];
  const op = pick(OPERATORS);
  return op === 'in'
    ? { in: { [field]: [pick(values), pick(values)] } }
    : { [op]: { [field]: pick(values) } };
}

const toUs = (v: unknown) =>
  typeof v === 'string' ? Date.parse(v.endsWith('+00:00') ? v : `${v}Z`) * 1000 : null;

describe.skipIf(!BASE)('compileFilter against a real Gnocchi', () => {
  const resources: SearchableResource[] = [];

  beforeAll(async () => {
    const attributes = Object.fromEntries(
      Object.entries(ATTRIBUTES).map(([k, type]) => [k, { type, required: false }]),
    );
    const created = await fetch(`${BASE}/v1/resource_type`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: TYPE, attributes }),
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 14; i++) {
      const body: Record<string, unknown> = {
        id: `${TYPE}-${i}`,
        s: pick(STRINGS),
        n: pick(NUMBERS),
        b: pick([true, false, null]),
        d: pick(DATES),
        user_id: pick(USERS),
        project_id: pick(USERS),
      };
      for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
      if (random() < 0.5) {
        body.started_at = '2020-01-01T00:00:00';
        if (random() < 0.7) body.ended_at = pick(['2020-01-02T00:00:00', '2020-01-01T00:30:00']);
      }
      const res = await fetch(`${BASE}/v1/resource/${TYPE}`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(body),
      });
      const j = (await res.json()) as Record<string, string | number | boolean | null | undefined>;
      resources.push({
        id: j.id ?? null,
        original_resource_id: j.original_resource_id ?? null,
        type: TYPE,
        creator: j.creator ?? null,
        user_id: j.user_id ?? null,
        project_id: j.project_id ?? null,
        started_at: toUs(j.started_at),
        ended_at: toUs(j.ended_at),
        revision_start: toUs(j.revision_start),
        revision_end: null,
        s: j.s ?? null,
        n: j.n ?? null,
        b: j.b ?? null,
        d: toUs(j.d),
      });
    }
  });

  afterAll(async () => {
    for (const r of resources)
      await fetch(`${BASE}/v1/resource/${TYPE}/${String(r.id)}`, { method: 'DELETE', headers: AUTH });
    await fetch(`${BASE}/v1/resource_type/${TYPE}`, { method: 'DELETE', headers: AUTH });
  });

  it('finds the same resources and refuses the same filters', { timeout: 120_000 }, async () => {
    let compared = 0;
    for (let i = 0; i < 200; i++) {
      const filter = randomFilter(0);
      const res = await fetch(`${BASE}/v1/search/resource/${TYPE}`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify(filter),
      });
      if (res.status >= 500) continue;
      const body = (await res.json()) as { original_resource_id: string }[] | { description: unknown };
      const theirs = Array.isArray(body)
        ? body.map((r) => r.original_resource_id).sort()
        : { status: res.status, description: body.description };
      let ours: unknown;
      try {
        const match = compileFilter(validateFilter(filter, 'admin'), TYPE, ATTRIBUTES);
        ours = resources
          .filter(match)
          .map((r) => String(r.original_resource_id))
          .sort();
      } catch (e) {
        if (!(e instanceof GnocchiError)) throw e;
        ours = { status: e.status, description: e.description };
      }
      expect({ filter, result: ours }).toEqual({ filter, result: theirs });
      compared += 1;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
