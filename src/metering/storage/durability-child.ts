// Run by durability.test.ts in a child process: adds batches of measures to a SQLite store for ever and says
// "ack N" once batch N returned, so that the test can kill it with SIGKILL at any moment after an ack.

import type { ArchivePolicy } from '../carbonara/archive-policy';
import { measuresOf } from '../carbonara/ingest';
import { openMeasureStore } from './measure-store';

const S = 1_000_000;
export const CHILD_POLICY: ArchivePolicy = {
  name: 'durable',
  backWindow: 0,
  definition: [{ granularityUs: S, points: null, timespanUs: null }],
  aggregationMethods: ['count', 'sum'],
};
export const BATCH = 50;
export const T0 = 1_700_000_000 * S;

const dataDir = process.argv[2];
if (dataDir !== undefined && process.argv[1]?.endsWith('durability-child.ts')) {
  const store = openMeasureStore({ dataDir });
  for (let batch = 0; ; batch++) {
    store.addMeasuresBatch([
      {
        metricId: 'durable',
        policy: CHILD_POLICY,
        measures: measuresOf(
          Array.from({ length: BATCH }, (_, i) => ({
            timestampUs: T0 + (batch * BATCH + i) * S,
            value: 1,
          })),
        ),
      },
    ]);
    process.stdout.write(`ack ${batch}\n`);
    if (batch % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
