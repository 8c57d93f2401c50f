import { WALL_DEFAULTS, WallPageSchema, type SessionDisplay, type WallPageName } from '@/shared/api/displays';
import type { DatacenterRef } from '@/web/lib/api-paths';
import { sameDatacenter } from '@/web/lib/datacenter-params';
import { ThemeSchema, TimeZoneSchema, type Theme, type TimeZonePreference } from '@/web/lib/preferences';

// What a wall shows and how, from three sources in order: the URL (a bookmark or a hand-made link), the
// display's configuration (set on the admin page, for screens signed in with a display token), and the
// defaults of a NOC screen (dark, UTC, a page a minute, a reload every six hours).

export interface WallSettings {
  /** The datacenters to rotate through; undefined means every one the user may see. */
  datacenters?: DatacenterRef[];
  pages: WallPageName[];
  /** Milliseconds on each page; 0 keeps the current page. */
  rotateMs: number;
  theme: Theme;
  tz: TimeZonePreference;
  /** Milliseconds between full reloads; 0 never reloads. */
  reloadMs: number;
  burnIn: boolean;
  /** Esc does not bring up the controls. */
  locked: boolean;
}

/** The theme and time zone the URL itself asks for, before the wall fills in the rest. */
export interface ExplicitPreferences {
  theme?: Theme;
  tz?: TimeZonePreference;
}

const SECOND = 1_000;
const UNIT_MS = { s: SECOND, m: 60 * SECOND, h: 3_600 * SECOND } as const;
// Under this a page cannot be read before it goes; a typo like `rotate=1` should not make the screen flicker.
const MIN_ROTATE_MS = 5 * SECOND;

/** `90`, `90s`, `2m`, `1h` (the bare number in `unit`), `0` or `off`; undefined when unreadable. */
export function parseWallDuration(value: string | null, unit: keyof typeof UNIT_MS): number | undefined {
  if (value === null) return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'off' || text === 'never') return 0;
  const match = /^(\d+(?:\.\d+)?)\s*([smh])?$/.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[(match[2] as keyof typeof UNIT_MS | undefined) ?? unit]);
}

/** `pcc-1:886,pcc-1:887`; entries that are not `<service>:<datacenter id>` are left out. */
export function parseDatacenters(value: string | null): DatacenterRef[] | undefined {
  if (!value) return undefined;
  const refs: DatacenterRef[] = [];
  for (const entry of value.split(',')) {
    const match = /^([\w.-]{1,100}):(\d{1,12})$/.exec(entry.trim());
    if (!match) continue;
    const ref = { serviceName: match[1]!, datacenterId: Number(match[2]) };
    if (!refs.some((r) => sameDatacenter(r, ref))) refs.push(ref);
  }
  return refs.length > 0 ? refs : undefined;
}

function parsePages(value: string | null): WallPageName[] | undefined {
  if (!value) return undefined;
  const pages = [
    ...new Set(value.split(',').flatMap((p) => WallPageSchema.safeParse(p.trim().toLowerCase()).data ?? [])),
  ];
  return pages.length > 0 ? pages : undefined;
}

function parseFlag(params: URLSearchParams, name: string): boolean | undefined {
  const value = params.get(name)?.trim().toLowerCase();
  if (value === undefined) return undefined;
  return !['0', 'false', 'off', 'no'].includes(value);
}

export function explicitPreferences(params: URLSearchParams): ExplicitPreferences {
  return {
    theme: ThemeSchema.safeParse(params.get('theme')?.toLowerCase()).data,
    tz: TimeZoneSchema.safeParse(params.get('tz')?.toLowerCase()).data,
  };
}

export function wallSettings(
  params: URLSearchParams,
  explicit: ExplicitPreferences,
  display?: SessionDisplay,
): WallSettings {
  const wall = display?.wall ?? WALL_DEFAULTS;
  const rotateMs = parseWallDuration(params.get('rotate'), 's') ?? wall.rotateSeconds * SECOND;
  return {
    datacenters: parseDatacenters(params.get('dc')) ?? display?.scope,
    pages: parsePages(params.get('pages')) ?? [...wall.pages],
    rotateMs: rotateMs > 0 ? Math.max(MIN_ROTATE_MS, rotateMs) : 0,
    theme: explicit.theme ?? wall.theme,
    tz: explicit.tz ?? (wall.tz === 'UTC' ? 'utc' : 'local'),
    reloadMs: parseWallDuration(params.get('reload'), 'h') ?? wall.reloadHours * UNIT_MS.h,
    burnIn: parseFlag(params, 'burnin') ?? wall.burnIn,
    // The URL can lock a screen but not unlock one an administrator locked: locking is the safe direction.
    locked: params.get('kiosk')?.toLowerCase() === 'locked' || wall.locked,
  };
}

/**
 * The address a reload goes to: the current one, with the theme and time zone back to what the URL itself
 * asked for, so the display's configuration (perhaps changed since) applies again after the reload.
 */
export function reloadSearch(params: URLSearchParams, explicit: ExplicitPreferences): string {
  const next = new URLSearchParams(params);
  for (const key of ['theme', 'tz'] as const) {
    const value = explicit[key];
    if (value === undefined) next.delete(key);
    else next.set(key, value);
  }
  const search = next.toString();
  return search ? `?${search}` : '';
}
