import { describe, expect, it } from 'vitest';
import { resourceIn } from './metering-access';

describe('resourceIn', () => {
  const canSee = resourceIn(new Set(['pcc-1/1']));
  it.each([
    [{ service: 'pcc-1', datacenter_id: 1 }, true],
    [{ service: 'pcc-1', datacenter_id: 2 }, false],
    [{ service: 'pcc-2', datacenter_id: 1 }, false],
    // Only the types the catalog declares: a string id or a missing service belongs to no datacenter.
    [{ service: 'pcc-1', datacenter_id: '1' }, false],
    [{ datacenter_id: 1 }, false],
    [{}, false],
  ])('%j → %s', (attributes, expected) => {
    expect(canSee({ type: 'vm', attributes })).toBe(expected);
  });
});
