import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { modelTypeName } from '../../../scripts/generate-ovh-models';
import * as models from './models';
import {
  complexTypeUnitAndValueSchema,
  DatacenterSchema,
  DedicatedCloudWithIAMSchema,
  FilerSchema,
  HostSchema,
  RightSchema,
  UserSchema,
  VmSchema,
  type ComplexTypeUnitAndValue,
  type Host,
  type Vm,
  type VirtualMachinePowerState,
} from './models';
import {
  datacenterExample,
  dedicatedCloudExample,
  filerExample,
  hostExample,
  rightExample,
  userExample,
  vmExample,
} from './ovh-api-examples';
import referenceModelsJson from './reference-models.json' with { type: 'json' };
import { ReferenceModelsFileSchema } from './reference-schema';

const { models: referenceModels } = ReferenceModelsFileSchema.parse(referenceModelsJson);

describe('generated zod schemas', () => {
  it('parse the OVH API examples, stripping the keys the 2024 schema lacks', () => {
    expect(FilerSchema.parse(filerExample)).toEqual(filerExample);
    expect(HostSchema.parse(hostExample)).toEqual(hostExample);
    expect(UserSchema.parse(userExample)).toEqual(userExample);
    expect(RightSchema.parse(rightExample)).toEqual(rightExample);

    const datacenter = DatacenterSchema.parse(datacenterExample);
    expect(datacenter).not.toHaveProperty('hasMixedHostProfiles');
    expect(datacenter.commercialName).toBe('PREMIER');

    const pcc = DedicatedCloudWithIAMSchema.parse(dedicatedCloudExample);
    expect(pcc.iam).toEqual({
      displayName: 'Prod PCC',
      id: '1c4b2f3e-0000-4000-8000-000000000000',
      tags: {},
      urn: 'urn:v1:eu:resource:pccVMware:pcc-37-187-228-180',
    });

    const vm = VmSchema.parse(vmExample);
    expect(vm.networks?.[0]?.backing).not.toHaveProperty('portGroupName');
    expect(vm.backup?.restorePoints?.[0]?.size).toEqual({ unit: 'GB', value: 11 });
  });

  it('reject wrong types, non-integer longs, unknown enum values and misplaced nulls', () => {
    const paths = (result: z.ZodSafeParseResult<unknown>): string[] =>
      result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(paths(HostSchema.safeParse({ ...hostExample, name: 12 }))).toEqual(['name']);
    expect(paths(HostSchema.safeParse({ ...hostExample, cpuUsed: 6130.5 }))).toEqual(['cpuUsed']);
    expect(paths(HostSchema.safeParse({ ...hostExample, ram: { unit: 'GB', value: 255.5 } }))).toEqual([
      'ram.value',
    ]);
    expect(paths(VmSchema.safeParse({ ...vmExample, powerState: 'on' }))).toEqual(['powerState']);
    expect(paths(VmSchema.safeParse({ ...vmExample, vmId: null }))).toEqual(['vmId']);
    expect(
      paths(VmSchema.safeParse({ ...vmExample, filers: [{ committed: 1, disks: [{}], name: 'x' }] })),
    ).toEqual(['filers.0.disks.0.capacity', 'filers.0.disks.0.id']);
  });

  it('accept null where the schema allows it, but still want the key (the API sends every key)', () => {
    expect(VmSchema.safeParse({ ...vmExample, license: null, backup: null }).success).toBe(true);
    const { license: _license, ...withoutLicense } = vmExample;
    expect(VmSchema.safeParse(withoutLicense).success).toBe(false);
  });

  it('type nullable fields as present and possibly null, generics by their argument', () => {
    expectTypeOf<Vm['moRef']>().toEqualTypeOf<string>();
    expectTypeOf<Vm['cpuNum']>().toEqualTypeOf<number | null>();
    expectTypeOf<Vm['powerState']>().toEqualTypeOf<VirtualMachinePowerState>();
    expectTypeOf<Host['cpu']>().toEqualTypeOf<ComplexTypeUnitAndValue<number>>();
    expectTypeOf<ComplexTypeUnitAndValue<number>>().toEqualTypeOf<{ unit: string; value: number }>();
    expect(
      complexTypeUnitAndValueSchema(z.number().int()).safeParse({ unit: 'GB', value: 1.5 }).success,
    ).toBe(false);
  });

  it('match every vendored reference model: same keys, same enum values', () => {
    const exported = models as Record<string, unknown>;
    for (const [id, model] of Object.entries(referenceModels)) {
      if (model.generics) continue;
      const name = modelTypeName(id);
      if (model.enum) {
        expect(exported[`${name}Values`], id).toEqual(model.enum);
        expect((exported[`${name}Schema`] as z.ZodEnum).options, id).toEqual(model.enum);
      } else {
        const schema = exported[`${name}Schema`] as z.ZodObject;
        expect(Object.keys(schema.shape).sort(), id).toEqual(Object.keys(model.properties ?? {}).sort());
      }
    }
  });
});
