import { describe, expect, it } from 'vitest';
import { latestNicTraffic } from './get-host-nics';

const line = (metric: string, nic: string | null, avg: (number | null)[]) => ({
  metric,
  unit: 'KBps',
  nic,
  avg,
  min: avg,
  max: avg,
});

describe('latestNicTraffic', () => {
  it('takes each NIC’s last point that has a value, in NIC order', () => {
    const nics = latestNicTraffic({
      timestamps: [1000, 2000, 3000],
      series: [
        line('vscope.host.cpu.usage.perc', null, [1, 2, 3]),
        line('vscope.host.net.rx', 'vmnic10', [1, 2, 3]),
        line('vscope.host.net.rx', 'vmnic2', [5, 6, null]),
        line('vscope.host.net.tx', 'vmnic2', [7, 8, 9]),
        line('vscope.host.net.packetsrx', 'vmnic2', [null, null, null]),
      ],
    });
    expect(nics).toEqual({
      at: 3000,
      nics: [
        { nic: 'vmnic2', rx: 6, tx: 9, packetsRx: null, packetsTx: null },
        { nic: 'vmnic10', rx: 3, tx: null, packetsRx: null, packetsTx: null },
      ],
    });
  });

  it('has no NICs and no time for a host without network series', () => {
    expect(latestNicTraffic({ timestamps: [], series: [] })).toEqual({ nics: [], at: null });
  });
});
