import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@/config/config';
import { checkedTemplate, GuestInstanceIds, guestInstanceIds, parseGuestMapping } from './mapping';

const vm = { serviceName: 'pcc-1', datacenterId: 3, vmId: 42, moRef: 'vm-1042', name: 'db-01' };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('GuestInstanceIds', () => {
  it('follows the default rule without a mapping, and another rule when configured', () => {
    expect(new GuestInstanceIds(checkedTemplate()).instanceIdOf(vm)).toBe('pcc-1/vm-1042');
    expect(new GuestInstanceIds(checkedTemplate('{name}')).instanceIdOf(vm)).toBe('db-01');
    expect(new GuestInstanceIds(checkedTemplate('{name}')).instanceIdOf({ ...vm, name: null })).toBeNull();
  });

  it('lets a mapping entry win over the rule, by VM id or by moRef, within its service only', () => {
    const ids = new GuestInstanceIds(checkedTemplate(), [
      { serviceName: 'pcc-1', vmId: 42, instanceId: 'uuid-by-id' },
      { serviceName: 'pcc-1', moRef: 'vm-7', instanceId: 'uuid-by-moref' },
    ]);
    expect(ids.instanceIdOf(vm)).toBe('uuid-by-id');
    expect(ids.instanceIdOf({ ...vm, vmId: 7, moRef: 'vm-7' })).toBe('uuid-by-moref');
    expect(ids.instanceIdOf({ ...vm, serviceName: 'pcc-2' })).toBe('pcc-2/vm-1042');
  });

  it('refuses a mapping that names one VM twice with different ids', () => {
    const entries = [
      { serviceName: 'pcc-1', vmId: 42, instanceId: 'a' },
      { serviceName: 'pcc-1', vmId: 42, instanceId: 'b' },
    ];
    expect(problemsOf(() => new GuestInstanceIds(checkedTemplate(), entries))[0]).toMatch(
      /maps to both a and b/,
    );
  });
});

describe('checkedTemplate', () => {
  it('refuses unknown placeholders, ids shared by every VM, and separators', () => {
    expect(problemsOf(() => checkedTemplate('{uuid}'))[0]).toMatch(
      /^GUEST_INSTANCE_ID_TEMPLATE: \{uuid\} has an unknown/,
    );
    expect(problemsOf(() => checkedTemplate('{serviceName}'))[0]).toMatch(/same id/);
    expect(problemsOf(() => checkedTemplate('{moRef};x'))[0]).toMatch(/must not/);
    expect(checkedTemplate('{serviceName}-{datacenterId}-{vmId}')).toBe(
      '{serviceName}-{datacenterId}-{vmId}',
    );
  });
});

describe('parseGuestMapping', () => {
  it('reads a JSON array', () => {
    expect(
      parseGuestMapping('[{"serviceName":"pcc-1","vmId":42,"instanceId":"6abf5a1e"}]', 'm.json'),
    ).toEqual([{ serviceName: 'pcc-1', vmId: 42, instanceId: '6abf5a1e' }]);
  });

  it('reads a CSV with its header, empty cells, comments and blank lines', () => {
    const csv =
      '# exported from the CMDB\nserviceName, vmId, moRef, instanceId\npcc-1,42,,6abf5a1e\n\npcc-1,,vm-7,77\n';
    expect(parseGuestMapping(csv, 'm.csv')).toEqual([
      { serviceName: 'pcc-1', vmId: 42, instanceId: '6abf5a1e' },
      { serviceName: 'pcc-1', moRef: 'vm-7', instanceId: '77' },
    ]);
  });

  it('names the file and the entry of each problem', () => {
    expect(
      problemsOf(() => parseGuestMapping('[{"serviceName":"pcc-1","instanceId":"x"}]', 'm.json')),
    ).toEqual(['GUEST_MAPPING_FILE: m.json, entry 0: names neither vmId nor moRef']);
    expect(
      problemsOf(() =>
        parseGuestMapping('[{"serviceName":"pcc-1","vmId":1,"instanceId":"a;b"}]', 'm.json'),
      )[0],
    ).toMatch(/entry 0\.instanceId: must not hold ';'/);
    expect(
      problemsOf(() =>
        parseGuestMapping('[{"serviceName":"p","vmId":1,"instanceId":"a","x":1}]', 'm.json'),
      )[0],
    ).toMatch(/entry 0/);
    expect(problemsOf(() => parseGuestMapping('[oops', 'm.json'))[0]).toMatch(/m\.json is not valid JSON/);
    expect(problemsOf(() => parseGuestMapping('a,b\n1,2', 'm.csv'))[0]).toMatch(
      /neither a JSON array nor a CSV/,
    );
  });

  it('reads the configured file, and names one it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guest-mapping-'));
    const path = join(dir, 'mapping.csv');
    writeFileSync(path, 'serviceName,vmId,moRef,instanceId\npcc-1,42,,from-file\n');
    expect(guestInstanceIds({ mappingFile: path }).instanceIdOf(vm)).toBe('from-file');
    expect(problemsOf(() => guestInstanceIds({ mappingFile: join(dir, 'missing.csv') }))[0]).toMatch(
      /^GUEST_MAPPING_FILE: cannot read /,
    );
  });
});
