import { between, hashString, intBetween, pick, seededRandom, type Random } from './random';

// The static half of the simulated Hosted Private Cloud: services, datacenters, hosts, filers, VMs and users,
// built once from a seed and a size. Everything that moves with time lives in live-values.ts.

export interface ModelSize {
  services: number;
  /** Per service. */
  datacenters: number;
  /** Per datacenter. */
  hosts: number;
  /** Per datacenter. */
  filers: number;
  /** Per service, mounted on every datacenter. */
  globalFilers: number;
  /** In all, spread over every datacenter. */
  vms: number;
}

export const DEFAULT_SIZE: ModelSize = {
  services: 1,
  datacenters: 2,
  hosts: 6,
  filers: 3,
  globalFilers: 1,
  vms: 120,
};

export interface SimHost {
  key: number;
  hostId: number;
  name: string;
  clusterName: string;
  profile: string;
  profileCode: string;
  rack: string;
  cpuNum: number;
  cpuMaxCore: number;
  cpuMax: number;
  ramGb: number;
  /** `ram` as OVH's Host carries it, made once rather than at every bucket. */
  ram: { value: number };
  billingType: 'freeSpare' | 'hourly' | 'monthly';
  state: 'delivered' | 'adding';
  connectionState: 'connected' | 'disconnected' | 'notResponding';
  inMaintenance: boolean;
  bootedAtMs: number;
  cpuBase: number;
  memBase: number;
  nicScale: readonly number[];
  vms: SimVm[];
}

export interface SimFiler {
  key: number;
  filerId: number;
  name: string;
  profile: string;
  fullProfile: string;
  sizeGb: number;
  billingType: 'monthly' | 'hourly';
  state: 'delivered';
  connectionState: 'online' | 'offline';
  master: string;
  slave: string;
  isManagedByOvh: boolean;
  usedBase: number;
  /** Fraction of the size added per year: datastores fill up slowly. */
  growthPerYear: number;
  provisionedRatio: number;
  vmTotal: number;
}

export interface SimVmDisk {
  filer: SimFiler;
  committedMb: number;
  disks: { id: string; capacityMb: number }[];
}

export interface SimVmBackup {
  offerType: 'advanced' | 'classic' | 'premium';
  backupDays: string[];
  retentionTime: number;
  allocatedDiskGb: number;
  lastResult: 'success' | 'warning' | 'failed';
  durationS: number;
  restorePoints: number;
}

export interface SimVm {
  key: number;
  vmId: number;
  moRef: string;
  name: string;
  powerState: 'poweredOn' | 'poweredOff' | 'suspended' | 'deleted';
  host: SimHost;
  folderName: string;
  guestOsFamily: string;
  license: string | null;
  cpuNum: number;
  cpuMax: number;
  memoryMaxMb: number;
  vmwareTools: string | null;
  vmwareToolsVersion: string | null;
  stateFt: 'notConfigured' | 'running' | 'needSecondary' | 'disabled';
  roleFt: string | null;
  snapshotNum: number;
  disks: SimVmDisk[];
  network: { label: string; portGroup: string; mac: string; connected: boolean };
  backup: SimVmBackup | null;
  ovhManaged: boolean;
  /** Per-VM character of its load. */
  load: {
    cpuBase: number;
    cpuSwing: number;
    memBase: number;
    readyMs: number;
    netKBps: number;
    txRatio: number;
    packetBytes: number;
    iops: number;
    writeRatio: number;
    blockKB: number;
    latencyMs: number;
  };
}

export interface SimDatacenter {
  serviceName: string;
  datacenterId: number;
  name: string;
  commercialName: 'PREMIER' | 'SDDC' | 'VSPHERE';
  commercialRangeName: string;
  description: string;
  version: string;
  hosts: SimHost[];
  filers: SimFiler[];
  vms: SimVm[];
}

export interface SimRight {
  rightId: number;
  datacenterId: number;
  right: 'admin' | 'readonly' | 'readwrite' | 'disabled';
}

export interface SimUser {
  userId: number;
  name: string;
  login: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** The vSphere password the simulated vCenter accepts (documented in the README). */
  password: string;
  fullAdminRo: boolean;
  canManageRights: boolean;
  rights: SimRight[];
}

export interface SimService {
  serviceName: string;
  description: string;
  location: string;
  datacenters: SimDatacenter[];
  globalFilers: SimFiler[];
  users: SimUser[];
}

export interface SimInventory {
  seed: number;
  size: ModelSize;
  services: SimService[];
}

const HOST_PROFILES = [
  { profile: 'L+', code: 'pcc-host-l+', cores: 20, mhz: 2100, ramGb: 256 },
  { profile: '2018v3 384', code: 'pcc-host-2018v3-384', cores: 24, mhz: 2300, ramGb: 384 },
  { profile: 'PRE 768 NSX', code: 'pcc-host-pre-768', cores: 36, mhz: 2600, ramGb: 768 },
] as const;

const FILER_PROFILES = [
  { profile: '3200g', fullProfile: '3.2 TB', sizeGb: 3200 },
  { profile: '6400g', fullProfile: '6.4 TB', sizeGb: 6400 },
  { profile: '1600g', fullProfile: '1.6 TB', sizeGb: 1600 },
] as const;

const VM_ROLES = [
  'web',
  'app',
  'db',
  'cache',
  'k8s-worker',
  'api',
  'mq',
  'etl',
  'git',
  'ci-runner',
  'vpn',
  'dns',
];
const VM_ENVS = ['prod', 'preprod', 'staging', 'dev'];
const FOLDERS = ['Prod', 'Preprod', 'Staging', 'Dev', 'Infra'];
const LINUX_LICENSE = null;
const WINDOWS_LICENSES = ['windows 2019 Standard', 'windows 2022 Datacenter', 'windows 2016 Standard'];
const TOOLS_VERSIONS = [
  'guestToolsCurrent',
  'guestToolsCurrent',
  'guestToolsCurrent',
  'guestToolsNeedUpgrade',
  'guestToolsSupportedOld',
  'guestToolsUnmanaged',
];

export const DEMO_USERS = [
  { name: 'admin', password: 'vscope-demo', access: 'admin' },
  { name: 'noc', password: 'noc-demo', access: 'readonly' },
  { name: 'dev', password: 'dev-demo', access: 'first-datacenter' },
  // Contains `dev`, as real PCCs have `admin` and `admin2`: OVH's `?name=dev` filter returns both.
  { name: 'devops', password: 'devops-demo', access: 'last-datacenter' },
] as const;

function serviceNameFor(index: number): string {
  if (index === 0) return 'pcc-37-187-228-180';
  return `pcc-51-${index % 256}-${(index * 37) % 256}-${(index * 101) % 256}`;
}

function uniqueIds(random: Random, count: number, start: number, maxStep: number): number[] {
  const ids: number[] = [];
  let id = start;
  for (let i = 0; i < count; i++) {
    id += intBetween(random, 1, maxStep);
    ids.push(id);
  }
  return ids;
}

function buildHosts(random: Random, dcIndex: number, count: number, nowMs: number): SimHost[] {
  const ids = uniqueIds(random, count, 100 + dcIndex * 1000, 9);
  const profile = HOST_PROFILES[dcIndex % HOST_PROFILES.length] ?? HOST_PROFILES[0];
  return ids.map((hostId, i) => ({
    key: hashString(`host:${dcIndex}:${hostId}`),
    hostId,
    name: `172.17.${86 + dcIndex}.${51 + i}`,
    clusterName: `Cluster${1 + Math.floor(i / 4)}`,
    profile: profile.profile,
    profileCode: profile.code,
    rack: `R${10 + dcIndex}B${String(5 + i).padStart(2, '0')}`,
    cpuNum: profile.cores,
    cpuMaxCore: profile.mhz,
    cpuMax: profile.cores * profile.mhz,
    ramGb: profile.ramGb,
    ram: { value: profile.ramGb },
    // The last host of a datacenter with more than two is the free spare OVH keeps ready.
    billingType: count > 2 && i === count - 1 ? 'freeSpare' : 'monthly',
    state: 'delivered',
    connectionState: 'connected',
    inMaintenance: dcIndex === 1 && i === 1,
    bootedAtMs: nowMs - intBetween(random, 3, 200) * 86_400_000,
    // The first host of the first datacenter runs near saturation: a dashboard should have something to show.
    cpuBase: dcIndex === 0 && i === 0 ? 0.72 : between(random, 0.12, 0.45),
    memBase: dcIndex === 0 && i === 0 ? 0.9 : between(random, 0.35, 0.72),
    nicScale: [between(random, 4000, 20000), between(random, 4000, 20000), between(random, 300, 3000), 0],
    vms: [],
  }));
}

function buildFilers(random: Random, ids: number[], hot: boolean, prefix = 'pcc'): SimFiler[] {
  return ids.map((filerId, i) => {
    const profile = pick(random, FILER_PROFILES);
    return {
      key: hashString(`filer:${filerId}`),
      filerId,
      name: `${prefix}-${String(filerId).padStart(6, '0')}`,
      profile: profile.profile,
      fullProfile: profile.fullProfile,
      sizeGb: profile.sizeGb,
      billingType: 'monthly',
      state: 'delivered',
      connectionState: 'online',
      master: `nfs-rbx2-${String(filerId).padStart(4, '0')}a.pcc.ovh.net`,
      slave: `nfs-rbx2-${String(filerId).padStart(4, '0')}b.pcc.ovh.net`,
      isManagedByOvh: false,
      // The first filer of the first datacenter is nearly full.
      usedBase: hot && i === 0 ? 0.955 : between(random, 0.25, 0.7),
      growthPerYear: hot && i === 0 ? 0.01 : between(random, 0.02, 0.12),
      provisionedRatio: between(random, 1.1, 1.6),
      vmTotal: 0,
    };
  });
}

function ovhManagedName(index: number, dc: SimDatacenter): string {
  const names = [
    `private-gateway-1.${dc.name}.pcc.ovh.net`,
    'backupServer1',
    `veeamproxy-${dc.datacenterId}`,
  ];
  return names[index % names.length] ?? 'backupServer1';
}

function buildVm(random: Random, vmId: number, dc: SimDatacenter, nth: number, flags: VmFlags): SimVm {
  const hosts = dc.hosts.filter((h) => h.billingType !== 'freeSpare');
  const host = hosts[nth % hosts.length] ?? dc.hosts[0];
  if (!host) throw new Error(`datacenter ${dc.name} has no host`);
  const windows = random() < 0.25;
  const roll = random();
  const powerState: SimVm['powerState'] = flags.forceOn
    ? 'poweredOn'
    : roll < 0.8
      ? 'poweredOn'
      : roll < 0.93
        ? 'poweredOff'
        : roll < 0.96
          ? 'suspended'
          : 'deleted';
  const cpuNum = pick(random, [1, 2, 2, 4, 4, 8, 16]);
  const memoryMaxMb = pick(random, [1024, 2048, 4096, 8192, 8192, 16384, 32768]);
  const diskCount = intBetween(random, 1, 2);
  const filer = pick(random, dc.filers);
  const disks = Array.from({ length: diskCount }, (_, d) => ({
    id: String(2000 + d),
    capacityMb: pick(random, [20480, 40960, 81920, 204800]),
  }));
  const committedMb = Math.round(disks.reduce((s, d) => s + d.capacityMb, 0) * between(random, 0.3, 0.95));
  filer.vmTotal += 1;
  const role = pick(random, VM_ROLES);
  const name = flags.ovhManaged
    ? ovhManagedName(nth, dc)
    : `${role}-${pick(random, VM_ENVS)}-${String(nth + 1).padStart(2, '0')}`;
  const toolsInstalled = random() > 0.05;
  const running = powerState === 'poweredOn';
  const backedUp = random() < 0.45;
  const hotCpu = flags.hotCpu;
  return {
    key: hashString(`vm:${dc.datacenterId}:${vmId}`),
    vmId,
    moRef: `vm-${vmId}`,
    name,
    powerState,
    host,
    folderName: flags.ovhManaged ? 'OVH' : pick(random, FOLDERS),
    guestOsFamily: windows ? 'windowsGuest' : 'linuxGuest',
    license: windows ? pick(random, WINDOWS_LICENSES) : LINUX_LICENSE,
    cpuNum,
    cpuMax: cpuNum * host.cpuMaxCore,
    memoryMaxMb,
    vmwareTools: !toolsInstalled
      ? null
      : running
        ? random() < 0.97
          ? 'guestToolsRunning'
          : 'guestToolsExecutingScripts'
        : 'guestToolsNotRunning',
    vmwareToolsVersion: toolsInstalled ? pick(random, TOOLS_VERSIONS) : 'guestToolsNotInstalled',
    stateFt: flags.ft ? 'running' : 'notConfigured',
    roleFt: flags.ft ? '1' : null,
    snapshotNum: random() < 0.12 ? intBetween(random, 1, 4) : 0,
    disks: [{ filer, committedMb, disks }],
    network: {
      label: 'Network adapter 1',
      portGroup: pick(random, ['VM Network', 'vxw-dvs-prod', 'vxw-dvs-dmz']),
      mac: `00:50:56:${[vmId >> 16, vmId >> 8, vmId].map((b) => (b & 0xff).toString(16).padStart(2, '0')).join(':')}`,
      connected: powerState !== 'deleted',
    },
    backup: backedUp
      ? {
          offerType: pick(random, ['advanced', 'classic', 'premium'] as const),
          backupDays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
          retentionTime: pick(random, [7, 14, 30]),
          allocatedDiskGb: Math.round(committedMb / 1024),
          lastResult: random() < 0.9 ? 'success' : random() < 0.5 ? 'warning' : 'failed',
          durationS: intBetween(random, 60, 1800),
          restorePoints: intBetween(random, 3, 14),
        }
      : null,
    ovhManaged: flags.ovhManaged,
    load: {
      cpuBase: hotCpu ? 0.74 : between(random, 0.02, 0.3),
      cpuSwing: hotCpu ? 0.15 : between(random, 0.05, 0.35),
      memBase: between(random, 0.2, 0.78),
      readyMs: flags.hotReady ? 1250 : between(random, 8, 160),
      netKBps: between(random, 5, 3000),
      txRatio: between(random, 0.2, 1.5),
      packetBytes: between(random, 400, 1300),
      iops: between(random, 5, 600),
      writeRatio: between(random, 0.3, 2.5),
      blockKB: between(random, 4, 64),
      latencyMs: flags.hotLatency ? 32 : between(random, 0.4, 4),
    },
  };
}

interface VmFlags {
  forceOn: boolean;
  hotCpu: boolean;
  hotReady: boolean;
  hotLatency: boolean;
  ft: boolean;
  ovhManaged: boolean;
}

function buildDatacenters(
  random: Random,
  serviceName: string,
  sIndex: number,
  size: ModelSize,
  nowMs: number,
) {
  const ids = uniqueIds(random, size.datacenters, 860 + sIndex * 1000, 40);
  const filerIds = uniqueIds(random, size.datacenters * size.filers, 440 + sIndex * 5000, 30);
  return ids.map((datacenterId, d): SimDatacenter => {
    const dcIndex = sIndex * size.datacenters + d;
    return {
      serviceName,
      datacenterId,
      name: `datacenter${datacenterId}`,
      commercialName: pick(random, ['PREMIER', 'SDDC', 'VSPHERE'] as const),
      commercialRangeName: '2016v5',
      description: d === 0 ? 'Production' : `Datacenter ${d + 1}`,
      version: '8.0',
      hosts: buildHosts(random, dcIndex, size.hosts, nowMs),
      filers: buildFilers(random, filerIds.slice(d * size.filers, (d + 1) * size.filers), dcIndex === 0),
      vms: [],
    };
  });
}

function buildUsers(serviceName: string, datacenters: SimDatacenter[], sIndex: number): SimUser[] {
  const domain = `${serviceName}.ovh.com`;
  let rightId = 5 + sIndex * 1000;
  return DEMO_USERS.map((u, i) => ({
    userId: 77 + i + sIndex * 1000,
    name: u.name,
    login: `${u.name}@${domain}`,
    email: u.name === 'admin' ? 'ops@example.com' : null,
    firstName: null,
    lastName: null,
    password: u.password,
    fullAdminRo: u.access === 'readonly',
    canManageRights: u.access === 'admin',
    rights: datacenters.map((dc, d) => ({
      rightId: rightId++,
      datacenterId: dc.datacenterId,
      right:
        u.access === 'admin'
          ? 'admin'
          : u.access === 'readonly'
            ? 'readonly'
            : d === (u.access === 'first-datacenter' ? 0 : datacenters.length - 1)
              ? 'readwrite'
              : 'disabled',
    })),
  }));
}

/**
 * Builds the inventory. `nowMs` only anchors host boot times; values that move with time are computed per
 * bucket elsewhere, so two builds with one seed and one `nowMs` are identical.
 */
export function buildInventory(seed: number, size: ModelSize, nowMs: number): SimInventory {
  const random = seededRandom(seed);
  const services: SimService[] = [];
  for (let s = 0; s < size.services; s++) {
    const serviceName = serviceNameFor(s);
    const datacenters = buildDatacenters(random, serviceName, s, size, nowMs);
    const globalIds = uniqueIds(random, size.globalFilers, 9000 + s * 100, 5);
    services.push({
      serviceName,
      description: s === 0 ? 'Production PCC' : `PCC ${s + 1}`,
      location: pick(random, ['rbx2', 'sbg1', 'gra1']),
      datacenters,
      globalFilers: buildFilers(random, globalIds, false, 'ssd'),
      users: buildUsers(serviceName, datacenters, s),
    });
  }
  const allDcs = services.flatMap((s) => s.datacenters);
  const vmIds = uniqueIds(random, size.vms, 1000, 3);
  vmIds.forEach((vmId, i) => {
    const dc = allDcs[i % allDcs.length];
    if (!dc) return;
    const nth = dc.vms.length;
    const first = dc === allDcs[0];
    const vm = buildVm(random, vmId, dc, nth, {
      forceOn: first && nth < 4,
      hotCpu: first && nth === 0,
      hotReady: first && nth === 1,
      hotLatency: first && nth === 2,
      ft: first && nth === 3,
      ovhManaged: nth > 3 && nth < 7 && first,
    });
    dc.vms.push(vm);
    vm.host.vms.push(vm);
  });
  return { seed, size, services };
}
