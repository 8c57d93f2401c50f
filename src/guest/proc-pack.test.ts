import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packProcs, unpackNameIds, unpackProcs } from './proc-pack';
import type { ProcReport } from './reports';

const proc = (over: Partial<ProcReport>): ProcReport => ({
  pid: 489,
  cmd: 'systemd-udevd',
  cpu_util: 0,
  mem: 0.1,
  disk_read: 0,
  disk_write: 0,
  running_time: 1482236516.07,
  shutdown_time: null,
  net_incoming: 0.6,
  net_outgoing: 5.7,
  ...over,
});

const withoutCmd = ({ cmd: _cmd, ...rest }: ProcReport, nameId: number) => ({ ...rest, nameId });

describe('packProcs', () => {
  it('gives back exactly the numbers the agent sent, rounded or not', () => {
    const procs = [
      proc({}),
      proc({ pid: 1, cpu_util: 12.3, mem: 0.123456789, shutdown_time: 1482240000.5, disk_read: 1e300 }),
      proc({ pid: 70000, running_time: 1482236528.23, net_incoming: -0, disk_write: 4096 }),
    ];
    const blob = packProcs(procs, [3, 1, 3]);
    const back = unpackProcs(blob);
    expect(back).toEqual(procs.map((p, i) => withoutCmd(p, [3, 1, 3][i] ?? 0)));
    expect(Object.is(back[2]?.net_incoming, -0)).toBe(true);
    expect(unpackNameIds(blob)).toEqual([3, 1, 3]);
  });

  it('packs a typical 150-process report in about 20 bytes a process', () => {
    const procs = Array.from({ length: 150 }, (_, i) =>
      proc({ pid: 300 + i * 7, cpu_util: (i % 5) / 10, mem: (i % 30) / 10, running_time: 1482236516.07 + i }),
    );
    const blob = packProcs(
      procs,
      procs.map((_, i) => i),
    );
    expect(blob.length).toBeLessThan(150 * 20);
    expect(unpackProcs(blob)).toHaveLength(150);
  });

  it('round-trips any finite figures', () => {
    const figure = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pid: fc.nat(),
            cmd: fc.constant('x'),
            cpu_util: figure,
            mem: figure,
            disk_read: figure,
            disk_write: figure,
            running_time: figure,
            shutdown_time: fc.option(figure),
            net_incoming: figure,
            net_outgoing: figure,
          }),
        ),
        (procs) => {
          const ids = procs.map((_, i) => i * 3);
          expect(unpackProcs(packProcs(procs, ids))).toEqual(procs.map((p, i) => withoutCmd(p, ids[i] ?? 0)));
        },
      ),
    );
  });

  it('refuses a truncated blob', () => {
    const blob = packProcs([proc({})], [1]);
    expect(() => unpackProcs(blob.subarray(0, blob.length - 2))).toThrow(/ends early/);
  });
});
