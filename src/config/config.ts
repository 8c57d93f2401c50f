import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { isLoopbackHost } from './loopback';

// Every setting of the server comes through here: environment variables, optionally a JSON file named by
// VSCOPE_CONFIG (the environment wins), defaults that make demo mode work with no setting at all, and one
// start-up error that names every bad or missing setting at once instead of failing on the first.

const OVH_ENDPOINTS = {
  'ovh-eu': 'https://eu.api.ovh.com/1.0',
  'ovh-ca': 'https://ca.api.ovh.com/1.0',
  'ovh-us': 'https://api.us.ovhcloud.com/1.0',
} as const;

const OAUTH2_TOKEN_URLS: Record<keyof typeof OVH_ENDPOINTS, string> = {
  'ovh-eu': 'https://www.ovh.com/auth/oauth2/token',
  'ovh-ca': 'https://ca.ovh.com/auth/oauth2/token',
  'ovh-us': 'https://us.ovhcloud.com/auth/oauth2/token',
};

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const httpUrl = z.url({ protocol: /^https?$/ });

// proxy-addr's names for address ranges, which Fastify's trustProxy accepts beside addresses and CIDRs.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const commaList = (value: string) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

/**
 * Which proxies' X-Forwarded-* to believe: none, the nearest N hops, or the proxies at these addresses.
 * Trusting every hop would let a client pick its own address by sending X-Forwarded-For, so `true` means the
 * one proxy in front, which is the common set-up.
 */
const trustProxySetting = z
  .string()
  .trim()
  .transform((value, context): false | number | string[] => {
    if (['false', '0', 'no', ''].includes(value)) return false;
    if (['true', 'yes'].includes(value)) return 1;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 10) return hops;
    }
    const entries = commaList(value);
    const bad = entries.filter((entry) => !isAddressOrCidr(entry));
    if (entries.length === 0 || bad.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `expected false, a number of proxy hops (1–10), or proxy addresses and CIDRs separated by commas${bad.length > 0 ? `; not an address or CIDR: ${bad.join(', ')}` : ''}`,
      });
      return z.NEVER;
    }
    return entries;
  });

const HOST_NAME = /^(\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

const hostNames = z
  .string()
  .trim()
  .transform((value, context) => {
    const names = commaList(value).map((name) => name.toLowerCase());
    const bad = names.filter((name) => !HOST_NAME.test(name));
    if (bad.length > 0) {
      context.addIssue({ code: 'custom', message: `not a host name: ${bad.join(', ')}` });
      return z.NEVER;
    }
    return names;
  });

/** An IANA zone name Intl knows, for reading the guest service's wall-clock dates. */
const timeZoneName = z
  .string()
  .trim()
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'expected an IANA time zone such as UTC or Europe/Paris' },
  );

const rawSchema = z.object({
  VSCOPE_MODE: z.enum(['demo', 'ovh']).optional(),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: integer(0, 65535).default(8080),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  POLL_INTERVAL_SECONDS: integer(30, 3600).default(120),
  OVH_ENDPOINT: z.union([z.enum(['ovh-eu', 'ovh-ca', 'ovh-us']), httpUrl]).default('ovh-eu'),
  OVH_APPLICATION_KEY: optionalText,
  OVH_APPLICATION_SECRET: optionalText,
  OVH_CONSUMER_KEY: optionalText,
  OVH_CLIENT_ID: optionalText,
  OVH_CLIENT_SECRET: optionalText,
  OVH_OAUTH2_TOKEN_URL: httpUrl.optional(),
  OPENTSDB_URL: httpUrl.optional(),
  OPENTSDB_TOKEN: optionalText,
  HISTORY_SOURCE: z.enum(['embedded', 'opentsdb', 'metrics-token']).optional(),
  METRICS_TOKEN_USER: z.string().trim().min(1).default('admin'),
  RECORDER_ENABLED: booleanFlag.optional(),
  SESSION_IDLE_MINUTES: integer(5, 60 * 24 * 30).default(12 * 60),
  SESSION_MAX_DAYS: integer(1, 365).default(7),
  VSPHERE_LOGIN: booleanFlag.default(true),
  TRUST_PROXY: trustProxySetting.default(false),
  ALLOWED_HOSTS: hostNames.default([]),
  DEMO_SEED: integer(0, 2 ** 31 - 1).default(1),
  DEMO_VMS: integer(1, 20_000).default(120),
  DEMO_SIMULATOR_PORT: integer(0, 65535).default(0),
  DEMO_ALLOW_REMOTE: booleanFlag.default(false),
  DEMO_CAPACITY_BACKFILL: booleanFlag.default(true),
  GUEST_URL: httpUrl.optional(),
  GUEST_USER: optionalText,
  GUEST_PASSWORD: optionalText,
  GUEST_TIME_ZONE: timeZoneName.default('UTC'),
  GUEST_MAPPING_FILE: optionalText,
  GUEST_INSTANCE_ID_TEMPLATE: optionalText,
  GUEST_SILENT_MINUTES: integer(1, 24 * 60).default(15),
  METERING_URL: httpUrl.optional(),
  METERING_USER: optionalText,
  METERING_PASSWORD: optionalText,
  METERING_TOKEN: optionalText,
});

type Input = Partial<Record<keyof z.infer<typeof rawSchema>, string>>;

// Cross-setting rules read the raw input, so they are reported even when a single setting is also invalid.
function crossSettingProblems(raw: Input): string[] {
  const problems: string[] = [];
  const given = (v: string | undefined) => v !== undefined && v.trim() !== '';
  const require = (name: keyof Input, why: string) => {
    if (!given(raw[name])) problems.push(`${name}: required ${why}`);
  };
  const someKey = [raw.OVH_APPLICATION_KEY, raw.OVH_APPLICATION_SECRET, raw.OVH_CONSUMER_KEY].some(given);
  const someOauth = [raw.OVH_CLIENT_ID, raw.OVH_CLIENT_SECRET].some(given);
  if (someKey) {
    require('OVH_APPLICATION_KEY', 'with the other application-key settings');
    require('OVH_APPLICATION_SECRET', 'with OVH_APPLICATION_KEY');
    require('OVH_CONSUMER_KEY', 'with OVH_APPLICATION_KEY');
  }
  if (someOauth) {
    require('OVH_CLIENT_ID', 'with OVH_CLIENT_SECRET');
    require('OVH_CLIENT_SECRET', 'with OVH_CLIENT_ID');
  }
  if (someKey && someOauth) {
    problems.push(
      'OVH_CLIENT_ID: set either application-key credentials or OAuth2 client credentials, not both',
    );
  }
  if (raw.VSCOPE_MODE === 'ovh' && !someKey && !someOauth) {
    problems.push(
      'VSCOPE_MODE: ovh mode needs OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET and OVH_CONSUMER_KEY, or OVH_CLIENT_ID and OVH_CLIENT_SECRET',
    );
  }
  if (raw.VSCOPE_MODE === 'demo' && (someKey || someOauth)) {
    problems.push('VSCOPE_MODE: demo mode ignores OVH credentials: unset them or set VSCOPE_MODE=ovh');
  }
  if (given(raw.OPENTSDB_TOKEN)) require('OPENTSDB_URL', 'when OPENTSDB_TOKEN is set');
  if (raw.HISTORY_SOURCE === 'opentsdb') require('OPENTSDB_URL', 'when HISTORY_SOURCE is opentsdb');
  if (
    raw.RECORDER_ENABLED &&
    ['true', '1', 'yes'].includes(raw.RECORDER_ENABLED) &&
    raw.HISTORY_SOURCE === 'metrics-token'
  ) {
    problems.push(
      'RECORDER_ENABLED: the metricsToken endpoint is read-only; record into the embedded tsdb or OPENTSDB_URL',
    );
  }
  if (given(raw.OVH_OAUTH2_TOKEN_URL) && !someOauth)
    require('OVH_CLIENT_ID', 'when OVH_OAUTH2_TOKEN_URL is set');
  const customEndpoint = given(raw.OVH_ENDPOINT) && !((raw.OVH_ENDPOINT ?? '') in OVH_ENDPOINTS);
  if (someOauth && customEndpoint) {
    require('OVH_OAUTH2_TOKEN_URL', 'with OAuth2 credentials and a custom OVH_ENDPOINT URL');
  }
  // Demo mode creates an admin whose password is published: on an address others reach, anyone is admin.
  const demo = raw.VSCOPE_MODE !== 'ovh' && !someKey && !someOauth;
  if (given(raw.GUEST_URL)) {
    require('GUEST_USER', 'with GUEST_URL');
    require('GUEST_PASSWORD', 'with GUEST_URL');
    if (demo) {
      problems.push(
        "GUEST_URL: demo mode reads the simulator's guest service: unset it or set VSCOPE_MODE=ovh",
      );
    }
  } else if (!demo) {
    for (const name of ['GUEST_USER', 'GUEST_PASSWORD'] as const) {
      if (given(raw[name])) problems.push(`${name}: only used with GUEST_URL, which is not set`);
    }
  }
  problems.push(...meteringProblems(raw, given));
  const host = raw.HOST?.trim() || '127.0.0.1';
  if (demo && !isLoopbackHost(host) && !['true', '1', 'yes'].includes(raw.DEMO_ALLOW_REMOTE ?? '')) {
    problems.push(
      `HOST: demo mode on ${host} lets anyone who reaches it sign in with the published demo admin account: ` +
        'keep HOST on loopback (127.0.0.1, ::1 or localhost), or set DEMO_ALLOW_REMOTE=true to accept that',
    );
  }
  return problems;
}

function meteringProblems(raw: Input, given: (v: string | undefined) => boolean): string[] {
  const problems: string[] = [];
  if (!given(raw.METERING_URL)) {
    for (const name of ['METERING_USER', 'METERING_PASSWORD', 'METERING_TOKEN'] as const) {
      if (given(raw[name])) problems.push(`${name}: only used with METERING_URL, which is not set`);
    }
    return problems;
  }
  if (given(raw.METERING_TOKEN) && (given(raw.METERING_USER) || given(raw.METERING_PASSWORD))) {
    problems.push(
      'METERING_TOKEN: set either METERING_USER (and METERING_PASSWORD) for basic auth or METERING_TOKEN, not both',
    );
  } else if (!given(raw.METERING_TOKEN) && !given(raw.METERING_USER)) {
    problems.push(
      'METERING_USER: required with METERING_URL (the Gnocchi user the server writes as), or set METERING_TOKEN',
    );
  }
  return problems;
}

/** How the server authenticates to a Gnocchi cluster: basic auth, or a token sent as X-Auth-Token. */
export type MeteringAuth =
  { kind: 'basic'; user: string; password: string } | { kind: 'token'; token: string };

export type OvhCredentials =
  | { kind: 'application-key'; applicationKey: string; applicationSecret: string; consumerKey: string }
  | { kind: 'oauth2'; clientId: string; clientSecret: string; tokenUrl: string };

export interface Config {
  mode: 'demo' | 'ovh';
  host: string;
  port: number;
  dataDir: string;
  logLevel: z.infer<typeof rawSchema>['LOG_LEVEL'];
  pollIntervalMs: number;
  /** Only in ovh mode: the API base URL (…/1.0) and how to authenticate to it. */
  ovh?: { baseUrl: string; credentials: OvhCredentials };
  /**
   * Where Graphs read history: the embedded tsdb (fed by the recorder), an external OpenTSDB, or the endpoint
   * OVH's historical metricsToken route hands out (the simulator's Metrics platform in demo mode).
   */
  history:
    | { source: 'embedded' }
    | { source: 'opentsdb'; url: string; token?: string }
    | { source: 'metrics-token'; pccUser: string };
  recorderEnabled: boolean;
  sessions: { idleMs: number; absoluteMs: number };
  /** Offer sign-in with vSphere credentials, checked against each PCC's vCenter. */
  vsphereLogin: boolean;
  /**
   * Behind a reverse proxy: whose X-Forwarded-* to trust (client address for rate limits, https for Secure
   * cookies): no one, the nearest N hops, or these proxy addresses and CIDRs.
   */
  trustProxy: false | number | string[];
  /**
   * Host names the server answers to besides IP addresses and loopback names; `.example.com` takes its
   * subdomains too. Any other Host header is refused, which defeats DNS rebinding.
   */
  allowedHosts: string[];
  /** `simulatorPort` 0 picks a free loopback port; a fixed one lets browser tests reach its fault controls. */
  /** `capacityBackfill`: a year of capacity from the simulator's history before the first live measures. */
  demo: { seed: number; vms: number; simulatorPort: number; capacityBackfill: boolean };
  /**
   * What runs inside the VMs, read from a guest-monitoring service. `service` is set in ovh mode when
   * GUEST_URL is; demo mode reads the simulator's. The instance-id rule is checked where the server reads it.
   */
  /**
   * Where capacity resources and measures go: the embedded Gnocchi-compatible engine (in DATA_DIR/metering), or a
   * Gnocchi cluster at `url` (the endpoint gnocchiclient takes, without /v1).
   */
  metering: { kind: 'embedded' } | { kind: 'remote'; url: string; auth: MeteringAuth };
  guest: {
    service?: { url: string; user: string; password: string };
    /** The zone the service writes its wall-clock create_date in. */
    timeZone: string;
    mappingFile?: string;
    instanceIdTemplate?: string;
    /** An agent whose last report is older than this is silent. */
    silentAfterMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SETTING_NAMES = Object.keys(rawSchema.shape);

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`VSCOPE_CONFIG: cannot read ${path} (${(error as Error).message})`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`VSCOPE_CONFIG: ${path} is not valid JSON (${(error as Error).message})`]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([`VSCOPE_CONFIG: ${path} must hold a JSON object of settings`]);
  }
  const unknown = Object.keys(parsed).filter((k) => !SETTING_NAMES.includes(k));
  if (unknown.length > 0) {
    throw new ConfigError(unknown.map((k) => `${k}: unknown setting in ${path}`));
  }
  // Numbers and booleans in the file are read like their environment-variable spelling.
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]),
  );
}

/** Builds the validated configuration, or throws a ConfigError naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.VSCOPE_CONFIG ? readConfigFile(env.VSCOPE_CONFIG) : {};
  const fromEnv = Object.fromEntries(
    SETTING_NAMES.filter((k) => env[k] !== undefined).map((k) => [k, env[k]]),
  );
  const input = { ...fromFile, ...fromEnv } as Input;
  const result = rawSchema.safeParse(input);
  // Settings are flat, so zod's flattened errors are the problems, setting by setting.
  const flat = result.success ? undefined : z.flattenError(result.error);
  const problems = [
    ...(flat?.formErrors ?? []).map((message) => `configuration: ${message}`),
    ...Object.entries(flat?.fieldErrors ?? {}).flatMap(([setting, messages = []]) =>
      messages.map((message) => `${setting}: ${message}`),
    ),
    ...crossSettingProblems(input),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const raw = result.data;
  const endpoint = raw.OVH_ENDPOINT;
  const named = endpoint in OVH_ENDPOINTS ? (endpoint as keyof typeof OVH_ENDPOINTS) : undefined;
  const baseUrl = named ? OVH_ENDPOINTS[named] : endpoint.replace(/\/+$/, '');

  let credentials: OvhCredentials | undefined;
  if (raw.OVH_APPLICATION_KEY && raw.OVH_APPLICATION_SECRET && raw.OVH_CONSUMER_KEY) {
    credentials = {
      kind: 'application-key',
      applicationKey: raw.OVH_APPLICATION_KEY,
      applicationSecret: raw.OVH_APPLICATION_SECRET,
      consumerKey: raw.OVH_CONSUMER_KEY,
    };
  } else if (raw.OVH_CLIENT_ID && raw.OVH_CLIENT_SECRET) {
    credentials = {
      kind: 'oauth2',
      clientId: raw.OVH_CLIENT_ID,
      clientSecret: raw.OVH_CLIENT_SECRET,
      tokenUrl: raw.OVH_OAUTH2_TOKEN_URL ?? OAUTH2_TOKEN_URLS[named ?? 'ovh-eu'],
    };
  }
  const mode = credentials ? 'ovh' : 'demo';
  const source =
    raw.HISTORY_SOURCE ?? (raw.OPENTSDB_URL ? 'opentsdb' : mode === 'demo' ? 'metrics-token' : 'embedded');
  const history: Config['history'] =
    source === 'opentsdb'
      ? { source, url: raw.OPENTSDB_URL ?? '', token: raw.OPENTSDB_TOKEN }
      : source === 'metrics-token'
        ? { source, pccUser: raw.METRICS_TOKEN_USER }
        : { source };
  return {
    mode,
    host: raw.HOST,
    port: raw.PORT,
    dataDir: raw.DATA_DIR,
    logLevel: raw.LOG_LEVEL,
    pollIntervalMs: raw.POLL_INTERVAL_SECONDS * 1000,
    ovh: credentials ? { baseUrl, credentials } : undefined,
    history,
    // History must exist where OVH no longer offers it, so recording is on wherever history is ours to write.
    recorderEnabled: raw.RECORDER_ENABLED ?? source !== 'metrics-token',
    sessions: { idleMs: raw.SESSION_IDLE_MINUTES * 60_000, absoluteMs: raw.SESSION_MAX_DAYS * 86_400_000 },
    vsphereLogin: raw.VSPHERE_LOGIN,
    trustProxy: raw.TRUST_PROXY,
    allowedHosts: raw.ALLOWED_HOSTS,
    demo: {
      seed: raw.DEMO_SEED,
      vms: raw.DEMO_VMS,
      simulatorPort: raw.DEMO_SIMULATOR_PORT,
      capacityBackfill: raw.DEMO_CAPACITY_BACKFILL,
    },
    metering: raw.METERING_URL
      ? {
          kind: 'remote',
          url: raw.METERING_URL.replace(/\/+$/, ''),
          auth: raw.METERING_TOKEN
            ? { kind: 'token', token: raw.METERING_TOKEN }
            : { kind: 'basic', user: raw.METERING_USER ?? '', password: raw.METERING_PASSWORD ?? '' },
        }
      : { kind: 'embedded' },
    guest: {
      service:
        raw.GUEST_URL && raw.GUEST_USER && raw.GUEST_PASSWORD
          ? { url: raw.GUEST_URL, user: raw.GUEST_USER, password: raw.GUEST_PASSWORD }
          : undefined,
      timeZone: raw.GUEST_TIME_ZONE,
      mappingFile: raw.GUEST_MAPPING_FILE,
      instanceIdTemplate: raw.GUEST_INSTANCE_ID_TEMPLATE,
      silentAfterMs: raw.GUEST_SILENT_MINUTES * 60_000,
    },
  };
}
