import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '@/config/config';
import {
  DEFAULT_INSTANCE_ID_TEMPLATE,
  instanceIdFromTemplate,
  type GuestVmIdentity,
} from '@/shared/guest/instance-id';

// OVH's VM model has no instance UUID, so a VM finds its guest instance id in an operator's mapping file
// (JSON or CSV, by VM id or moRef within a service), else by the naming rule. Both are read once at start and
// a bad one stops start-up: a wrong mapping would show one VM's processes under another.

const instanceId = z
  .string()
  .trim()
  .min(1)
  .refine((id) => !id.includes(';'), { message: "must not hold ';', which separates ids in the protocol" });

// Strict: a misspelt column (instanceID) is an error, not an entry without an id.
const EntrySchema = z
  .strictObject({
    serviceName: z.string().trim().min(1),
    vmId: z.coerce.number().int().positive().optional(),
    moRef: z.string().trim().min(1).optional(),
    instanceId,
  })
  .refine((entry) => entry.vmId !== undefined || entry.moRef !== undefined, {
    message: 'names neither vmId nor moRef',
  });
export type GuestMappingEntry = z.infer<typeof EntrySchema>;

const CSV_HEADER = 'serviceName,vmId,moRef,instanceId';

/** CSV rows as objects; empty cells are absent. No quoting: none of the four fields holds a comma. */
function csvRows(text: string, path: string): unknown[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (lines[0]?.replace(/\s/g, '') !== CSV_HEADER) {
    throw new ConfigError([
      `GUEST_MAPPING_FILE: ${path} is neither a JSON array nor a CSV with header ${CSV_HEADER}`,
    ]);
  }
  const names = CSV_HEADER.split(',');
  return lines.slice(1).map((line): unknown =>
    Object.fromEntries(
      line
        .split(',')
        .map((cell, i) => [names[i] ?? `column ${i + 1}`, cell.trim()])
        .filter(([, cell]) => cell !== ''),
    ),
  );
}

/** The entries of a mapping file's text, or a ConfigError naming each bad one. */
export function parseGuestMapping(text: string, path: string): GuestMappingEntry[] {
  let rows: unknown;
  if (text.trimStart().startsWith('[')) {
    try {
      rows = JSON.parse(text);
    } catch (error) {
      throw new ConfigError([`GUEST_MAPPING_FILE: ${path} is not valid JSON (${(error as Error).message})`]);
    }
  } else {
    rows = csvRows(text, path);
  }
  const parsed = z.array(EntrySchema).safeParse(rows);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `GUEST_MAPPING_FILE: ${path}, entry ${issue.path.map(String).join('.')}: ${issue.message}`,
      ),
    );
  }
  return parsed.data;
}

export function readGuestMapping(path: string): GuestMappingEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`GUEST_MAPPING_FILE: cannot read ${path} (${(error as Error).message})`]);
  }
  return parseGuestMapping(text, path);
}

const SAMPLES: GuestVmIdentity[] = [
  { serviceName: 'pcc-1', datacenterId: 1, vmId: 1, moRef: 'vm-1', name: 'a' },
  { serviceName: 'pcc-1', datacenterId: 1, vmId: 2, moRef: 'vm-2', name: 'b' },
];

/** The naming rule, checked: every placeholder known, and one that tells a datacenter's VMs apart. */
export function checkedTemplate(template = DEFAULT_INSTANCE_ID_TEMPLATE): string {
  const [a, b] = SAMPLES.map((vm) => instanceIdFromTemplate(template, vm));
  const problem = /[{}]/.test(a ?? '')
    ? 'has an unknown placeholder or a stray brace; it may use {serviceName}, {datacenterId}, {vmId}, {moRef} and {name}'
    : a === null
      ? "must not be empty nor hold ';'"
      : a === b
        ? 'gives every VM the same id; use {vmId}, {moRef} or {name}'
        : undefined;
  if (problem) throw new ConfigError([`GUEST_INSTANCE_ID_TEMPLATE: ${template} ${problem}`]);
  return template;
}

/** A VM's guest instance id: its mapping entry (by VM id, then moRef), else the naming rule. */
export class GuestInstanceIds {
  private readonly mapped = new Map<string, string>();

  constructor(
    private readonly template: string,
    entries: GuestMappingEntry[] = [],
  ) {
    const problems: string[] = [];
    for (const entry of entries) {
      const keys = [
        entry.vmId === undefined ? undefined : `${entry.serviceName}\0id\0${entry.vmId}`,
        entry.moRef === undefined ? undefined : `${entry.serviceName}\0moref\0${entry.moRef}`,
      ];
      for (const key of keys) {
        if (key === undefined) continue;
        const earlier = this.mapped.get(key);
        if (earlier !== undefined && earlier !== entry.instanceId) {
          problems.push(
            `GUEST_MAPPING_FILE: ${key.replaceAll('\0', ' ')} maps to both ${earlier} and ${entry.instanceId}`,
          );
        }
        this.mapped.set(key, entry.instanceId);
      }
    }
    if (problems.length > 0) throw new ConfigError(problems);
  }

  instanceIdOf(vm: GuestVmIdentity): string | null {
    return (
      this.mapped.get(`${vm.serviceName}\0id\0${vm.vmId}`) ??
      this.mapped.get(`${vm.serviceName}\0moref\0${vm.moRef}`) ??
      instanceIdFromTemplate(this.template, vm)
    );
  }
}

/** The mapping and rule of the configuration, checked. */
export function guestInstanceIds(settings: {
  mappingFile?: string;
  instanceIdTemplate?: string;
}): GuestInstanceIds {
  return new GuestInstanceIds(
    checkedTemplate(settings.instanceIdTemplate),
    settings.mappingFile ? readGuestMapping(settings.mappingFile) : [],
  );
}
