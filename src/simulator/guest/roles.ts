import { mix } from '../model/random';
import type { SimVm } from '../model/inventory';

// What runs inside a simulated VM: its OS and role, read from attributes the model already has (the guest OS
// family and the role word its name starts with), and the processes that role implies. Weights are relative
// shares of the VM's CPU, memory and disk I/O; processes.ts turns them into figures that add up to the VM's
// vCenter values.

export type GuestOs = 'linux' | 'windows';
export type GuestRole = 'database' | 'k8s-worker' | 'web' | 'app' | 'generic';

/** A process that lives as long as the VM: started at boot (plus `delayS`), with a fixed pid. */
export interface LongLivedSpec {
  cmd: string;
  cpu: number;
  mem: number;
  io: number;
  /** Seconds after boot; application servers come up after the system's services. */
  delayS?: number;
}

/** Short-lived processes (workers, cron jobs, sessions) that start and end: `slots` of them run at a time at
 * most, each living for a fraction of `periodS` in every period. */
export interface ChurnSpec {
  cmd: string;
  slots: number;
  periodS: number;
  cpu: number;
  mem: number;
  io: number;
}

export interface GuestProfile {
  os: GuestOs;
  role: GuestRole;
  longLived: LongLivedSpec[];
  churn: ChurnSpec[];
}

const svc = (cmd: string, cpu: number, mem: number, io = 0.1, delayS?: number): LongLivedSpec => ({
  cmd,
  cpu,
  mem,
  io,
  ...(delayS === undefined ? {} : { delayS }),
});
const times = (count: number, spec: LongLivedSpec): LongLivedSpec[] =>
  Array.from({ length: count }, () => spec);

/** The kernel's own threads: a fixed set plus a handful per vCPU, as `ps` shows them. */
function kernelThreads(cpus: number): LongLivedSpec[] {
  const thread = (cmd: string) => svc(cmd, 0.01, 0, 0);
  const perCpu = Array.from({ length: cpus }, (_, n) =>
    ['cpuhp', 'migration', 'ksoftirqd', 'kworker'].map((name) =>
      thread(name === 'kworker' ? `kworker/${n}:0H` : `${name}/${n}`),
    ),
  ).flat();
  return [
    thread('kthreadd'),
    thread('rcu_gp'),
    thread('rcu_par_gp'),
    thread('mm_percpu_wq'),
    thread('rcu_sched'),
    ...perCpu,
    thread('kdevtmpfs'),
    thread('netns'),
    thread('khungtaskd'),
    thread('oom_reaper'),
    thread('writeback'),
    svc('kcompactd0', 0.01, 0, 0),
    svc('khugepaged', 0.01, 0, 0),
    thread('kintegrityd'),
    thread('kblockd'),
    thread('ata_sff'),
    thread('edac-poller'),
    svc('kswapd0', 0.05, 0, 0),
    thread('kthrotld'),
    thread('scsi_eh_0'),
    thread('scsi_tmf_0'),
    thread('vmw_pvscsi_wq_0'),
    svc('jbd2/sda1-8', 0.02, 0, 0.5),
    thread('ext4-rsv-conver'),
    thread('ipv6_addrconf'),
  ];
}

/** pid 1, listed before the kernel's threads so it gets that pid. */
const INIT = svc('systemd', 0.2, 0.3, 0.05);

const LINUX_BASE: LongLivedSpec[] = [
  svc('systemd-journald', 0.3, 0.5, 1.5),
  svc('systemd-udevd', 0.02, 0.2),
  svc('systemd-logind', 0.02, 0.1),
  svc('systemd-resolved', 0.05, 0.2),
  svc('systemd-timesyncd', 0.01, 0.1),
  svc('dbus-daemon', 0.05, 0.1),
  svc('rsyslogd', 0.1, 0.1, 1),
  svc('cron', 0.01, 0.05),
  svc('sshd', 0.02, 0.1),
  svc('agetty', 0, 0.05, 0),
  svc('VGAuthService', 0.01, 0.1),
  svc('vmtoolsd', 0.2, 0.2, 0.05),
  svc('dhclient', 0.01, 0.05),
];

const LINUX_CHURN: ChurnSpec[] = [
  { cmd: 'sshd', slots: 1, periodS: 5400, cpu: 0.05, mem: 0.1, io: 0.02 },
  { cmd: 'bash', slots: 1, periodS: 5400, cpu: 0.02, mem: 0.05, io: 0.02 },
  { cmd: 'run-parts', slots: 1, periodS: 3600, cpu: 0.3, mem: 0.05, io: 0.5 },
  { cmd: 'logrotate', slots: 1, periodS: 7200, cpu: 0.5, mem: 0.05, io: 2 },
];

function databaseLinux(vm: SimVm): Pick<GuestProfile, 'longLived' | 'churn'> {
  if (mix(vm.key, 0xdb) % 2 === 0) {
    return {
      longLived: [
        svc('postgres', 0.5, 20, 1, 20),
        svc('postgres', 0.4, 3, 3, 21),
        svc('postgres', 0.3, 2, 6, 21),
        svc('postgres', 0.2, 1, 2, 21),
        svc('postgres', 0.1, 0.5, 0.5, 21),
        svc('postgres', 0.1, 0.3, 0.5, 21),
      ],
      churn: [{ cmd: 'postgres', slots: 12, periodS: 1800, cpu: 3, mem: 2, io: 4 }],
    };
  }
  return { longLived: [svc('mysqld', 12, 40, 10, 20)], churn: [] };
}

function k8sWorker(): Pick<GuestProfile, 'longLived' | 'churn'> {
  return {
    longLived: [
      svc('kubelet', 3, 4, 0.5, 15),
      svc('containerd', 2, 3, 1, 10),
      svc('kube-proxy', 0.5, 1, 0.1, 30),
      svc('calico-node', 0.8, 1.5, 0.1, 30),
      ...times(3, svc('containerd-shim', 0.05, 0.2, 0, 30)),
      svc('pause', 0, 0.01, 0, 31),
      svc('coredns', 0.3, 0.8, 0, 35),
    ],
    churn: [
      { cmd: 'containerd-shim', slots: 6, periodS: 14400, cpu: 0.05, mem: 0.2, io: 0 },
      { cmd: 'pause', slots: 6, periodS: 14400, cpu: 0, mem: 0.01, io: 0 },
      { cmd: 'java', slots: 2, periodS: 14400, cpu: 6, mem: 12, io: 1 },
      { cmd: 'node', slots: 3, periodS: 14400, cpu: 3, mem: 4, io: 0.5 },
      { cmd: 'runc', slots: 1, periodS: 900, cpu: 0.2, mem: 0.05, io: 0 },
    ],
  };
}

function webLinux(vm: SimVm): Pick<GuestProfile, 'longLived' | 'churn'> {
  const nginx = [svc('nginx', 0.05, 0.2, 0.1, 12), ...times(2, svc('nginx', 1, 0.4, 0.5, 12))];
  if (mix(vm.key, 0x3eb) % 2 === 0) {
    return {
      longLived: [...nginx, svc('php-fpm', 0.1, 0.5, 0.1, 12)],
      churn: [{ cmd: 'php-fpm', slots: 8, periodS: 2400, cpu: 4, mem: 3, io: 0.5 }],
    };
  }
  return { longLived: [...nginx, ...times(4, svc('node', 5, 8, 0.5, 25))], churn: [] };
}

function appLinux(): Pick<GuestProfile, 'longLived' | 'churn'> {
  return { longLived: [svc('java', 20, 55, 2, 40)], churn: [] };
}

/** A role word the name starts with, or what the generic Linux VM runs besides its base. */
const GENERIC_LINUX: Record<string, LongLivedSpec[]> = {
  cache: [svc('redis-server', 4, 30, 0.5, 10)],
  mq: [svc('beam.smp', 5, 25, 1, 15), svc('epmd', 0.01, 0.05, 0, 14)],
  etl: [svc('python3', 8, 15, 4, 30)],
  git: [svc('gitaly', 2, 6, 2, 30), svc('puma', 3, 12, 0.5, 40)],
  'ci-runner': [svc('gitlab-runner', 0.5, 1, 0.1, 20), svc('dockerd', 1, 2, 1, 10)],
  vpn: [svc('openvpn', 2, 1, 0, 10)],
  dns: [svc('named', 1, 3, 0.1, 10)],
};

const NAMED_ROLES: Record<string, GuestRole> = {
  db: 'database',
  'k8s-worker': 'k8s-worker',
  web: 'web',
  api: 'web',
  app: 'app',
};

/** The role word a VM's name starts with (`db-prod-03`), or '' for names without one. */
function roleWord(vm: SimVm): string {
  return (
    [...Object.keys(NAMED_ROLES), ...Object.keys(GENERIC_LINUX)].find((w) => vm.name.startsWith(`${w}-`)) ??
    ''
  );
}

function windowsProfile(vm: SimVm, role: GuestRole): GuestProfile {
  const svchosts = 18 + (mix(vm.key, 0x5c) % 40);
  const roleProcesses =
    role === 'database'
      ? [svc('sqlservr.exe', 15, 60, 10, 60), svc('sqlwriter.exe', 0.01, 0.1, 0, 60)]
      : role === 'web'
        ? [svc('w3wp.exe', 8, 12, 1, 90), svc('w3wp.exe', 3, 6, 0.5, 90)]
        : [];
  return {
    os: 'windows',
    // Windows VMs run SQL Server or IIS, or nothing of their own; the Linux-only roles fall back to generic.
    role: roleProcesses.length > 0 ? role : 'generic',
    longLived: [
      svc('System', 0.5, 0.1, 1),
      svc('Registry', 0, 0.3, 0),
      svc('smss.exe', 0, 0.01, 0),
      ...times(2, svc('csrss.exe', 0.05, 0.1, 0)),
      svc('wininit.exe', 0, 0.05, 0),
      svc('winlogon.exe', 0, 0.1, 0),
      svc('services.exe', 0.1, 0.2, 0),
      svc('lsass.exe', 0.2, 0.4, 0.05),
      ...times(svchosts, svc('svchost.exe', 0.1, 0.4, 0.05)),
      svc('spoolsv.exe', 0, 0.2, 0),
      svc('MsMpEng.exe', 1, 3, 2),
      svc('vmtoolsd.exe', 0.2, 0.3, 0.05),
      svc('VGAuthService.exe', 0, 0.1, 0),
      ...roleProcesses,
    ],
    churn: [
      { cmd: 'WmiPrvSE.exe', slots: 2, periodS: 1800, cpu: 0.5, mem: 0.3, io: 0.1 },
      { cmd: 'TiWorker.exe', slots: 1, periodS: 10800, cpu: 2, mem: 2, io: 3 },
      { cmd: 'conhost.exe', slots: 1, periodS: 3600, cpu: 0, mem: 0.05, io: 0 },
      ...(role === 'web' ? [{ cmd: 'w3wp.exe', slots: 1, periodS: 7200, cpu: 3, mem: 4, io: 0.5 }] : []),
    ],
  };
}

/** A VM's OS, role and processes: a pure function of the VM. */
export function guestProfile(vm: SimVm): GuestProfile {
  const word = roleWord(vm);
  const role = NAMED_ROLES[word] ?? 'generic';
  if (vm.guestOsFamily === 'windowsGuest') return windowsProfile(vm, role);
  const own =
    role === 'database'
      ? databaseLinux(vm)
      : role === 'k8s-worker'
        ? k8sWorker()
        : role === 'web'
          ? webLinux(vm)
          : role === 'app'
            ? appLinux()
            : { longLived: GENERIC_LINUX[word] ?? [], churn: [] };
  return {
    os: 'linux',
    role,
    longLived: [INIT, ...kernelThreads(vm.cpuNum), ...LINUX_BASE, ...own.longLived],
    churn: [...LINUX_CHURN, ...own.churn],
  };
}
