import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DASHBOARD_MODEL_IDS,
  DEFAULT_REFERENCE_PATH,
  MODELS_PATH,
  VENDORED_PATH,
  modelTypeName,
  renderModelsSource,
  vendorReferenceModels,
} from './generate-ovh-models';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('modelTypeName', () => {
  it.each([
    ['dedicatedCloud.Vm', 'Vm'],
    ['dedicatedCloud.filer.StateEnum', 'FilerStateEnum'],
    ['dedicatedCloud.vmNetwork', 'VmNetwork'],
    ['dedicatedCloud.backup.Backup', 'BackupBackup'],
    ['dedicatedCloud.dedicatedCloudWithIAM', 'DedicatedCloudWithIAM'],
    ['dedicatedCloud.cluster.ClusterDrsModeEnum', 'ClusterClusterDrsModeEnum'],
    ['iam.ResourceMetadata', 'IamResourceMetadata'],
    ['complexType.UnitAndValue<T>', 'ComplexTypeUnitAndValue'],
  ])('names %s %s', (id, name) => {
    expect(modelTypeName(id)).toBe(name);
  });
});

describe('generated files', () => {
  it('models.ts is what the generator makes from the vendored models', async () => {
    const generated = await renderModelsSource(readJson(VENDORED_PATH));
    expect(generated === readFileSync(MODELS_PATH, 'utf8'), 'run: npm run generate:ovh-models').toBe(true);
  });

  it.skipIf(!existsSync(DEFAULT_REFERENCE_PATH))(
    'the vendored models are the verbatim closure of the dashboard models in the reference',
    () => {
      const reference = readJson(DEFAULT_REFERENCE_PATH) as { models: Record<string, unknown> };
      const vendored = readJson(VENDORED_PATH) as { models: Record<string, unknown> };
      expect(vendored, 'run: npm run generate:ovh-models -- --refresh').toEqual(
        vendorReferenceModels(reference),
      );
      for (const [id, model] of Object.entries(vendored.models)) expect(model).toEqual(reference.models[id]);
    },
  );

  it('vendors the dashboard models with their nested types, enums and generic instantiations', () => {
    const { models } = readJson(VENDORED_PATH) as { models: Record<string, unknown> };
    const ids = Object.keys(models);
    expect(ids).toEqual(expect.arrayContaining([...DASHBOARD_MODEL_IDS]));
    expect(ids).toEqual(
      expect.arrayContaining([
        'dedicatedCloud.vmFiler',
        'dedicatedCloud.vmFilerDisk',
        'dedicatedCloud.vmNetwork',
        'dedicatedCloud.vmNetworkBacking',
        'dedicatedCloud.DvsSecurityPolicy',
        'dedicatedCloud.vmwareBoolPolicy',
        'dedicatedCloud.virtualMachineCdrom',
        'dedicatedCloud.backup.Backup',
        'dedicatedCloud.backup.RestorePoint',
        'dedicatedCloud.Version',
        'iam.ResourceMetadata',
        'complexType.UnitAndValue<T>',
        'complexType.UnitAndValue<long>',
        'complexType.UnitAndValue<double>',
        'dedicatedCloud.spla.KmsLicenseIncludingLegacyEnum',
        'dedicatedCloud.virtualMachinePowerState',
      ]),
    );
    expect(ids).not.toContain('dedicatedCloud.Task');
  });

  it('refuses two models that the naming rule would give the same name', async () => {
    const enumModel = (id: string, namespace: string): object => ({
      id,
      namespace,
      enum: ['a'],
      enumType: 'string',
    });
    const clashing = {
      apiVersion: '1.0',
      basePath: 'https://eu.api.ovh.com/1.0',
      resourcePath: '/dedicatedCloud',
      models: {
        'dedicatedCloud.BackupStateEnum': enumModel('BackupStateEnum', 'dedicatedCloud'),
        'dedicatedCloud.backup.StateEnum': enumModel('StateEnum', 'dedicatedCloud.backup'),
      },
    };
    await expect(renderModelsSource(clashing)).rejects.toThrow(/both be named BackupStateEnum/);
  });

  it('declares referenced schemas before the schemas that use them', async () => {
    const object = (id: string, type: string): object => ({
      id,
      namespace: 'dedicatedCloud',
      properties: { child: { type, canBeNull: false, readOnly: true } },
    });
    const source = await renderModelsSource({
      apiVersion: '1.0',
      basePath: 'https://eu.api.ovh.com/1.0',
      resourcePath: '/dedicatedCloud',
      models: {
        'dedicatedCloud.A': object('A', 'dedicatedCloud.B[]'),
        'dedicatedCloud.B': object('B', 'long'),
      },
    });
    expect(source.indexOf('export const BSchema')).toBeLessThan(source.indexOf('export const ASchema'));
    expect(source).toContain('child: z.array(BSchema)');
  });
});
