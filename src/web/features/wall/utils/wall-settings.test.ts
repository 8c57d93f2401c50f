import { describe, expect, it } from 'vitest';
import { WALL_DEFAULTS, type SessionDisplay } from '@/shared/api/displays';
import {
  explicitPreferences,
  parseDatacenters,
  parseWallDuration,
  reloadSearch,
  wallSettings,
} from './wall-settings';

const display: SessionDisplay = {
  id: 'd1',
  name: 'NOC',
  scope: [{ serviceName: 'pcc-1', datacenterId: 886 }],
  wall: { ...WALL_DEFAULTS, pages: ['overview', 'alerts'], theme: 'light', tz: 'local', locked: true },
};

const settingsOf = (query: string, from?: SessionDisplay) => {
  const params = new URLSearchParams(query);
  return wallSettings(params, explicitPreferences(params), from);
};

describe('parseWallDuration', () => {
  it('reads seconds, minutes and hours, with the bare number in the given unit', () => {
    expect(parseWallDuration('90', 's')).toBe(90_000);
    expect(parseWallDuration('60s', 'h')).toBe(60_000);
    expect(parseWallDuration('2m', 's')).toBe(120_000);
    expect(parseWallDuration('6', 'h')).toBe(6 * 3_600_000);
    expect(parseWallDuration('off', 's')).toBe(0);
  });

  it('leaves what it cannot read to the next source', () => {
    expect(parseWallDuration('soon', 's')).toBeUndefined();
    expect(parseWallDuration(null, 's')).toBeUndefined();
  });
});

describe('parseDatacenters', () => {
  it('reads service:datacenter pairs once each and skips the rest', () => {
    expect(parseDatacenters('pcc-1:886, pcc-1:887,pcc-1:886,nonsense,:12')).toEqual([
      { serviceName: 'pcc-1', datacenterId: 886 },
      { serviceName: 'pcc-1', datacenterId: 887 },
    ]);
    expect(parseDatacenters('nonsense')).toBeUndefined();
  });
});

describe('wallSettings', () => {
  it("takes a NOC screen's defaults when nothing is said", () => {
    expect(settingsOf('')).toEqual({
      datacenters: undefined,
      pages: ['overview'],
      rotateMs: 60_000,
      theme: 'dark',
      tz: 'utc',
      reloadMs: 6 * 3_600_000,
      burnIn: false,
      locked: false,
    });
  });

  it("follows the display's configuration", () => {
    expect(settingsOf('', display)).toMatchObject({
      datacenters: display.scope,
      pages: ['overview', 'alerts'],
      theme: 'light',
      tz: 'local',
      locked: true,
    });
  });

  it('lets the URL override the configuration', () => {
    expect(
      settingsOf('dc=pcc-2:1&pages=hosts&rotate=2m&theme=dark&tz=UTC&reload=0&burnin', display),
    ).toMatchObject({
      datacenters: [{ serviceName: 'pcc-2', datacenterId: 1 }],
      pages: ['hosts'],
      rotateMs: 120_000,
      theme: 'dark',
      tz: 'utc',
      reloadMs: 0,
      burnIn: true,
    });
  });

  it('lets the URL lock a screen but not unlock one', () => {
    expect(settingsOf('kiosk=locked').locked).toBe(true);
    expect(settingsOf('kiosk', display).locked).toBe(true);
  });

  it('never rotates faster than a page can be read', () => {
    expect(settingsOf('rotate=1').rotateMs).toBe(5_000);
    expect(settingsOf('rotate=0').rotateMs).toBe(0);
  });
});

describe('reloadSearch', () => {
  it("puts back the URL's own theme and time zone so the display's configuration applies again", () => {
    const explicit = explicitPreferences(new URLSearchParams('tz=local&kiosk'));
    expect(reloadSearch(new URLSearchParams('kiosk=&theme=dark&tz=local&dc=pcc-1:886'), explicit)).toBe(
      '?kiosk=&tz=local&dc=pcc-1%3A886',
    );
  });
});
