import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_POLICIES } from '../carbonara/archive-policy';
import { GnocchiError } from '../errors';
import { Indexer } from './indexer';
import { memoryJournal } from './journal';
import { parseResourceType } from './resource-type';

// Texts and behaviours below were taken from Gnocchi 4.4.2 answering the same operations over REST.

function indexer(): Indexer {
  return new Indexer({ journal: memoryJournal(), defaultPolicies: DEFAULT_ARCHIVE_POLICIES });
}

function failure(run: () => unknown): { status: number; description: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof GnocchiError) return { status: error.status, description: error.description };
    throw error;
  }
  throw new Error('no failure');
}

const T0 = Date.UTC(2026, 11, 6) * 1000;

describe('Indexer', () => {
  it('refuses to delete a policy or a type still in use', () => {
    const ix = indexer();
    ix.createResourceType(
      parseResourceType({ name: 't', attributes: { host: { type: 'string', required: false } } }),
    );
    ix.createResource('t', { id: 'a', metrics: { cpu: { archive_policy_name: 'low' } } }, 'admin', T0);
    expect(failure(() => ix.deleteResourceType('t'))).toEqual({
      status: 400,
      description: 'Resource type t is still in use',
    });
    expect(failure(() => ix.deleteArchivePolicy('low'))).toEqual({
      status: 400,
      description: 'Archive policy low is still in use',
    });
  });

  it('makes a revision for a changed column, none for a PATCH of metrics alone, and detaches replaced metrics', () => {
    const ix = indexer();
    const r = ix.createResource(
      'generic',
      { id: 'm1', metrics: { a: { archive_policy_name: 'low' }, b: { archive_policy_name: 'low' } } },
      'admin',
      T0,
    );
    ix.updateResource('generic', r.id, { user_id: 'u9' }, 'admin', T0 + 1);
    const a = ix.metricByName(r.id, 'a')!;
    const b = ix.metricByName(r.id, 'b')!;
    ix.updateResource('generic', r.id, { metrics: { a: a.id } }, 'admin', T0 + 2);
    const history = ix.history('generic', r.id);
    expect(history.map((h) => [h.userId, h.revisionStartUs, h.revisionEndUs])).toEqual([
      [null, T0, T0 + 1],
      ['u9', T0 + 1, null],
    ]);
    expect(ix.metricsOf(r.id).map((m) => m.name)).toEqual(['a']);
    // The detached metric keeps its name and loses its resource, as 4.4.2 shows it.
    expect(ix.getMetric(b.id)).toMatchObject({ name: 'b', resourceId: null });
  });

  it('refuses a second metric under one name, and an unknown policy', () => {
    const ix = indexer();
    const r = ix.createResource('generic', { id: 'x', metrics: { cpu: {} } }, 'admin', T0);
    expect(ix.metricByName(r.id, 'cpu')?.archivePolicyName).toBe('low');
    expect(
      failure(() =>
        ix.createMetric({
          archivePolicyName: null,
          name: 'cpu',
          unit: null,
          resourceId: r.id,
          creator: 'admin',
        }),
      ),
    ).toEqual({ status: 409, description: 'Named metric cpu already exists' });
    expect(
      failure(() =>
        ix.createMetric({
          archivePolicyName: 'nope',
          name: null,
          unit: null,
          resourceId: null,
          creator: 'admin',
        }),
      ),
    ).toEqual({ status: 400, description: 'Archive policy nope does not exist' });
  });

  it('deletes a resource with its metrics and revisions', () => {
    const ix = indexer();
    const r = ix.createResource('generic', { id: 'x', metrics: { cpu: {} } }, 'admin', T0);
    ix.updateResource('generic', r.id, { project_id: 'p' }, 'admin', T0 + 1);
    expect(ix.deleteResource('generic', r.id).map((m) => m.name)).toEqual(['cpu']);
    expect(ix.listMetrics()).toEqual([]);
    expect(failure(() => ix.history('generic', r.id))).toEqual({
      status: 404,
      description: `Resource ${r.id} does not exist`,
    });
  });
});
