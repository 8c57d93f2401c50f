import { describe, expect, it } from 'vitest';
import {
  datacenterExample,
  dedicatedCloudExample,
  filerExample,
  hostExample,
  rightExample,
  userExample,
  vmExample,
} from './ovh-api-examples';
import { checkModel } from './reference-conformance';

type Json = Record<string, unknown>;

// The examples show 2025+ field sets; these keys are not in the vendored 2024-06 schema.
function withoutLaterKeys<T>(example: T): T {
  const copy = structuredClone(example) as Json;
  delete copy.hasMixedHostProfiles;
  delete copy.hasMixedVsanHostProfiles;
  delete (copy.iam as Json | undefined)?.state;
  for (const network of (copy.networks as Json[] | undefined) ?? [])
    delete (network.backing as Json).portGroupName;
  return copy as T;
}

function conformantVm(): Json {
  return withoutLaterKeys(vmExample);
}

describe('checkModel on the OVH API examples', () => {
  it.each([
    ['dedicatedCloud.Filer', filerExample],
    ['dedicatedCloud.Host', hostExample],
    ['dedicatedCloud.User', userExample],
    ['dedicatedCloud.Right', rightExample],
  ])('accepts the %s example as written', (modelId, example) => {
    expect(checkModel(modelId, example)).toEqual([]);
  });

  it.each([
    [
      'dedicatedCloud.dedicatedCloudWithIAM',
      dedicatedCloudExample,
      ['$.iam.state: unexpected key (not in iam.ResourceMetadata)'],
    ],
    [
      'dedicatedCloud.Datacenter',
      datacenterExample,
      [
        '$.hasMixedHostProfiles: unexpected key (not in dedicatedCloud.Datacenter)',
        '$.hasMixedVsanHostProfiles: unexpected key (not in dedicatedCloud.Datacenter)',
      ],
    ],
    [
      'dedicatedCloud.Vm',
      vmExample,
      ['$.networks[0].backing.portGroupName: unexpected key (not in dedicatedCloud.vmNetworkBacking)'],
    ],
  ])(
    'flags the keys of %s that the 2024 schema lacks, and nothing once they are removed',
    (modelId, example, extras) => {
      expect(checkModel(modelId, example)).toEqual(extras);
      expect(checkModel(modelId, withoutLaterKeys(example))).toEqual([]);
    },
  );

  it('rejects the PCC example as a plain dedicatedCloud, which has no iam key', () => {
    expect(checkModel('dedicatedCloud.dedicatedCloud', withoutLaterKeys(dedicatedCloudExample))).toEqual([
      '$.iam: unexpected key (not in dedicatedCloud.dedicatedCloud)',
    ]);
  });
});

describe('checkModel violations', () => {
  it('reports a missing key, including one set to undefined (JSON.stringify drops it)', () => {
    const vm = conformantVm();
    delete vm.license;
    vm.moRef = undefined;
    expect(checkModel('dedicatedCloud.Vm', vm)).toEqual([
      '$.license: missing key (dedicatedCloud.Vm has it)',
      '$.moRef: missing key (dedicatedCloud.Vm has it)',
    ]);
  });

  it('reports an extra key', () => {
    expect(checkModel('dedicatedCloud.Right', { ...rightExample, vmId: 3 })).toEqual([
      '$.vmId: unexpected key (not in dedicatedCloud.Right)',
    ]);
  });

  it('reports wrong JSON types', () => {
    expect(
      checkModel('dedicatedCloud.Host', {
        ...hostExample,
        name: 12,
        inMaintenance: 'no',
        memoryUsed: '1',
        cpu: [],
      }),
    ).toEqual([
      '$.cpu: expected complexType.UnitAndValue<double> object, got an array',
      '$.inMaintenance: expected boolean, got string "no"',
      '$.memoryUsed: expected double, got string "1"',
      '$.name: expected string, got number 12',
    ]);
  });

  it('reports a long that is not an integer', () => {
    expect(checkModel('dedicatedCloud.Host', { ...hostExample, cpuUsed: 6130.5 })).toEqual([
      '$.cpuUsed: expected long, got number 6130.5 (long must be an integer)',
    ]);
  });

  it('reports a value outside its enum', () => {
    expect(
      checkModel('dedicatedCloud.Vm', { ...conformantVm(), powerState: 'on', license: 'OVHcloud managed' }),
    ).toEqual([
      '$.license: expected a dedicatedCloud.spla.KmsLicenseIncludingLegacyEnum value, got string "OVHcloud managed"',
      '$.powerState: expected a dedicatedCloud.virtualMachinePowerState value, got string "on"',
    ]);
  });

  it('accepts null only where the schema allows it', () => {
    expect(checkModel('dedicatedCloud.Vm', { ...conformantVm(), license: null, cpuNum: null })).toEqual([]);
    expect(checkModel('dedicatedCloud.Vm', { ...conformantVm(), vmId: null, powerState: null })).toEqual([
      '$.powerState: null, but dedicatedCloud.Vm.powerState is not nullable',
      '$.vmId: null, but dedicatedCloud.Vm.vmId is not nullable',
    ]);
  });

  it('gives the JSON path of violations inside nested models, arrays and generics', () => {
    const vm = conformantVm() as {
      backup: { restorePoints: { size: { value: unknown } }[] };
      filers: { disks: Json[] }[];
      networks: { backing: { portKeySecurityPolicy: unknown } }[];
    };
    vm.backup.restorePoints[0]!.size.value = 11.5;
    vm.filers[0]!.disks[0] = { capacity: 81920 };
    vm.networks[0]!.backing.portKeySecurityPolicy = { allowPromiscuous: { inherited: true, value: 'yes' } };
    expect(checkModel('dedicatedCloud.Vm', vm)).toEqual([
      '$.backup.restorePoints[0].size.value: expected long, got number 11.5 (long must be an integer)',
      '$.filers[0].disks[0].id: missing key (dedicatedCloud.vmFilerDisk has it)',
      '$.networks[0].backing.portKeySecurityPolicy.allowPromiscuous.value: expected boolean, got string "yes"',
      '$.networks[0].backing.portKeySecurityPolicy.forgedTransmits: missing key (dedicatedCloud.DvsSecurityPolicy has it)',
      '$.networks[0].backing.portKeySecurityPolicy.macChanges: missing key (dedicatedCloud.DvsSecurityPolicy has it)',
    ]);
  });

  it('checks datetime, uuid and map[string]string values', () => {
    const pcc = withoutLaterKeys(dedicatedCloudExample) as Json;
    pcc.iam = { ...(pcc.iam as Json), id: 'pcc-1', tags: { env: 'prod', 'ovh:weight': 3 } };
    expect(checkModel('dedicatedCloud.dedicatedCloudWithIAM', pcc)).toEqual([
      '$.iam.id: expected uuid, got string "pcc-1"',
      '$.iam.tags["ovh:weight"]: expected string, got number 3',
    ]);
    const backup = { ...(conformantVm().backup as Json), lastCreationTime: 1736542812000 };
    expect(
      checkModel('dedicatedCloud.backup.Backup', { ...backup, lastSuccessfulCreationTime: '2025-01-10' }),
    ).toEqual([
      '$.lastCreationTime: expected datetime (ISO 8601 with offset), got number 1736542812000',
      '$.lastSuccessfulCreationTime: expected datetime (ISO 8601 with offset), got string "2025-01-10"',
    ]);
  });

  it('checks whole values that are not objects, and list routes', () => {
    expect(checkModel('dedicatedCloud.Vm', null)).toEqual(['$: expected dedicatedCloud.Vm object, got null']);
    expect(checkModel('long[]', [1254, 1255])).toEqual([]);
    expect(checkModel('long[]', ['1254', 2.5])).toEqual([
      '$[0]: expected long, got string "1254"',
      '$[1]: expected long, got number 2.5 (long must be an integer)',
    ]);
    expect(checkModel('string[]', { 0: 'pcc' })).toEqual(['$: expected string[], got an object']);
    expect(checkModel('dedicatedCloud.Host[]', [hostExample, { ...hostExample, hostId: 'x' }])).toEqual([
      '$[1].hostId: expected long, got string "x"',
    ]);
  });

  it('throws for a type the vendored reference does not hold', () => {
    expect(() => checkModel('dedicatedCloud.Task', {})).toThrow(/Unknown OVH type dedicatedCloud.Task/);
    // Twice: a compilation that failed half-way must not leave a usable check behind.
    for (let call = 0; call < 2; call++) {
      expect(() => checkModel('complexType.UnitAndValue<T>', {})).toThrow(/Unknown OVH type T/);
    }
  });
});
