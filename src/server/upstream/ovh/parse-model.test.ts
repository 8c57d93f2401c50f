import { describe, expect, it } from 'vitest';
import { vmExample } from '@/shared/ovh/ovh-api-examples';
import { VmSchema } from '@/shared/ovh/models';
import { parseModel } from './parse-model';

const vm = () => structuredClone(vmExample) as Record<string, unknown>;

describe('parseModel', () => {
  it('parses a conformant object and drops keys OVH added after our schema', () => {
    const result = parseModel(VmSchema, { ...vm(), brandNewField: 1 });
    expect(result.ok).toBe(true);
    expect(result.ok && 'brandNewField' in result.value).toBe(false);
  });

  it('keeps an enum value newer than our schema, as sent, with a warning', () => {
    const result = parseModel(VmSchema, { ...vm(), license: 'windows 2025 Standard' });
    expect(result).toMatchObject({
      ok: true,
      value: { license: 'windows 2025 Standard', moRef: 'vm-1254' },
      warnings: ['license: value "windows 2025 Standard" is newer than our schema'],
    });
  });

  it('reports wrong types with their paths', () => {
    const result = parseModel(VmSchema, { ...vm(), cpuUsed: 'lots', license: 'windows 2025 Standard' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/→ at cpuUsed$/m);
  });
});
