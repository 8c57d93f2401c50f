import type {
  BackupBackup,
  Datacenter,
  DedicatedCloudWithIAM,
  Filer,
  Host,
  Right,
  SplaKmsLicenseIncludingLegacyEnum,
  User,
  Vm,
} from '@/shared/ovh/models';
import { BUCKET_MS } from '@/shared/metrics/catalog';
import type {
  SimDatacenter,
  SimFiler,
  SimHost,
  SimRight,
  SimService,
  SimUser,
  SimVm,
} from '../model/inventory';
import { filerLive, hostLive, vmLive } from '../model/live-values';

// Turns the model into the exact OVH API objects: every key the schema names, in the schema's types, nothing
// else. Values that move with time are rendered for the bucket that contains `nowMs`.

const bucketOf = (nowMs: number) => Math.floor(nowMs / BUCKET_MS);

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export function renderService(service: SimService): DedicatedCloudWithIAM {
  const host = `${service.serviceName}.ovh.com`;
  return {
    advancedSecurity: false,
    bandwidth: '1 Gbps',
    billingType: 'monthly',
    canMigrateToVCD: false,
    certifiedInterfaceUrl: `https://${host}/`,
    commercialRange: '2016',
    description: service.description,
    generation: '2.0',
    iam: {
      displayName: service.description,
      id: `1c4b2f3e-0000-4000-8000-${String(service.serviceName.length).padStart(12, '0')}`,
      tags: {},
      urn: `urn:v1:eu:resource:pccVMware:${service.serviceName}`,
    },
    location: service.location,
    managementInterface: 'vcsa',
    productReference: 'EPCC',
    serviceName: service.serviceName,
    servicePackName: 'default',
    spla: false,
    sslV3: false,
    state: 'delivered',
    userAccessPolicy: 'filtered',
    userLimitConcurrentSession: 50,
    userLogoutPolicy: 'first',
    userSessionTimeout: 0,
    vScopeUrl: `https://${host}/vScope`,
    version: { build: '24674346', major: '8', minor: '0' },
    webInterfaceUrl: `https://${host}/ui`,
  };
}

export function renderDatacenter(dc: SimDatacenter): Datacenter {
  return {
    commercialName: dc.commercialName,
    commercialRangeName: dc.commercialRangeName,
    datacenterId: dc.datacenterId,
    description: dc.description,
    horizonViewName: null,
    isRemovable: false,
    name: dc.name,
    version: dc.version,
  };
}

export function renderFiler(filer: SimFiler, nowMs: number): Filer {
  const live = filerLive(filer, bucketOf(nowMs));
  return {
    activeNode: 'master',
    billingType: filer.billingType,
    connectionState: filer.connectionState,
    filerId: filer.filerId,
    fullProfile: filer.fullProfile,
    isManagedByOvh: filer.isManagedByOvh,
    master: filer.master,
    name: filer.name,
    profile: filer.profile,
    resourceName: null,
    size: { unit: 'GB', value: filer.sizeGb },
    slave: filer.slave,
    spaceFree: live.spaceFree,
    spaceProvisionned: live.spaceProvisionned,
    spaceUsed: live.spaceUsed,
    state: filer.state,
    vmTotal: filer.vmTotal,
  };
}

export function renderHost(host: SimHost, nowMs: number): Host {
  const live = hostLive(host, bucketOf(nowMs));
  const present = host.vms.filter((vm) => vm.powerState !== 'deleted');
  return {
    billingType: host.billingType,
    clusterName: host.clusterName,
    connectionState: host.connectionState,
    cpu: { unit: 'GHz', value: host.cpuMax / 1000 },
    cpuMax: host.cpuMax,
    cpuMaxCore: host.cpuMaxCore,
    cpuNum: host.cpuNum,
    cpuUsed: live.cpuUsed,
    hostId: host.hostId,
    inMaintenance: host.inMaintenance,
    memoryUsed: live.memoryUsed,
    name: host.name,
    parentHostId: null,
    profile: host.profile,
    profileCode: host.profileCode,
    rack: host.rack,
    ram: { unit: 'GB', value: host.ramGb },
    resourceName: null,
    state: host.state,
    uptime: live.uptime,
    vmTotal: present.length,
    vmVcpuTotal: present
      .filter((vm) => vm.powerState === 'poweredOn')
      .reduce((sum, vm) => sum + vm.cpuNum, 0),
  };
}

function renderBackup(vm: SimVm, nowMs: number): BackupBackup | null {
  const b = vm.backup;
  if (!b) return null;
  // Jobs run nightly at 22:00 UTC; the last one is the latest 22:00 before now.
  const day = 86_400_000;
  const tonight = Math.floor(nowMs / day) * day + 22 * 3_600_000;
  const last = tonight <= nowMs ? tonight : tonight - day;
  const succeeded = b.lastResult !== 'failed';
  const duration = { unit: 'second', value: b.durationS };
  return {
    allocatedDisk: b.allocatedDiskGb,
    backupDays: b.backupDays as BackupBackup['backupDays'],
    backupRepositoryId: null,
    encryption: false,
    lastCreationTime: isoSeconds(last + 12_000),
    lastDuration: duration,
    lastResult: b.lastResult,
    lastSuccessfulCreationTime: isoSeconds((succeeded ? last : last - day) + 12_000),
    lastSuccessfulDuration: duration,
    offerType: b.offerType,
    restorePoints: Array.from({ length: b.restorePoints }, (_, i) => ({
      creationTime: isoSeconds(last - i * day + b.durationS * 1000),
      isCorrupted: false,
      restorePointId: vm.vmId * 100 + i,
      size: {
        unit: 'GB',
        value: Math.max(1, Math.round(b.allocatedDiskGb / (i === b.restorePoints - 1 ? 1 : 8))),
      },
      type: i === b.restorePoints - 1 ? 'full' : 'incremental',
    })),
    retentionTime: b.retentionTime,
    state: 'delivered',
  };
}

export function renderVm(vm: SimVm, nowMs: number): Vm {
  const live = vmLive(vm, bucketOf(nowMs));
  const metric = <K extends keyof NonNullable<typeof live>>(key: K) => (live ? live[key] : null);
  return {
    backup: renderBackup(vm, nowMs),
    cdroms: [{ connected: false, iso: null }],
    clusterName: vm.host.clusterName,
    cpuMax: vm.cpuMax,
    cpuNum: vm.cpuNum,
    cpuReady: metric('cpuReady'),
    cpuReadyPercent: metric('cpuReadyPercent'),
    cpuUsed: metric('cpuUsed'),
    filers: vm.disks.map((d) => ({
      committed: d.committedMb,
      disks: d.disks.map((disk) => ({ capacity: disk.capacityMb, id: disk.id })),
      name: d.filer.name,
    })),
    folderName: vm.folderName,
    guestOsFamily: vm.guestOsFamily,
    hostName: vm.host.name,
    license: vm.license as SplaKmsLicenseIncludingLegacyEnum | null,
    memoryMax: vm.memoryMaxMb,
    memoryTps: live ? '0' : null,
    memoryUsed: metric('memoryUsed'),
    moRef: vm.moRef,
    name: vm.name,
    netPacketRx: metric('netPacketRx'),
    netPacketTx: metric('netPacketTx'),
    netRx: metric('netRx'),
    netTx: metric('netTx'),
    networks: [
      {
        allowGuestControl: true,
        backing: {
          carpState: null,
          deviceName: vm.network.portGroup,
          portGroupKey: `dvportgroup-${31 + (vm.network.portGroup.length % 5)}`,
          portKey: String(vm.vmId % 512),
          portKeySecurityPolicy: null,
          switchUuid: '50 1e 4c 7a 2b 90 3d 11-8f 62 04 5c 1d 7e 9a 03',
          type: 'DVS',
          useAutoDetect: null,
          valueMoref: `dvportgroup-${31 + (vm.network.portGroup.length % 5)}`,
        },
        connected: vm.network.connected,
        controler: 'VirtualVmxnet3',
        label: vm.network.label,
        macAddress: vm.network.mac,
        startConnected: true,
        status: 'ok',
      },
    ],
    powerState: vm.powerState,
    readLatency: metric('readLatency'),
    readPerSecond: metric('readPerSecond'),
    readRate: metric('readRate'),
    roleFt: vm.roleFt,
    snapshotNum: vm.snapshotNum,
    stateFt: vm.stateFt,
    vmId: vm.vmId,
    vmwareTools: vm.vmwareTools,
    vmwareToolsVersion: vm.vmwareToolsVersion,
    writeLatency: metric('writeLatency'),
    writePerSecond: metric('writePerSecond'),
    writeRate: metric('writeRate'),
  };
}

export function renderUser(user: SimUser): User {
  return {
    activationState: 'enabled',
    activeDirectoryId: null,
    activeDirectoryType: null,
    canManageIpFailOvers: user.canManageRights,
    canManageNetwork: user.canManageRights,
    canManageRights: user.canManageRights,
    email: user.email,
    encryptionRight: false,
    firstName: user.firstName,
    fullAdminRo: user.fullAdminRo,
    identityProviderId: null,
    identityProviderType: null,
    isEnableManageable: true,
    isTokenValidator: false,
    lastName: user.lastName,
    login: user.login,
    name: user.name,
    nsxRight: false,
    phoneNumber: null,
    receiveAlerts: user.canManageRights,
    state: 'delivered',
    type: 'user',
    userId: user.userId,
  };
}

export function renderRight(right: SimRight): Right {
  const admin = right.right === 'admin';
  return {
    canAddRessource: admin,
    datacenterId: right.datacenterId,
    networkRole: admin ? 'admin' : right.right === 'disabled' ? 'noAccess' : 'readonly',
    right: right.right,
    rightId: right.rightId,
    vmNetworkRole: admin ? 'admin' : right.right === 'disabled' ? 'noAccess' : 'readonly',
  };
}
