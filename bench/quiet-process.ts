import { setTimeout } from 'node:timers/promises';

// The server benches run the server (and its simulator) in their own process and the load in a child: this
// process's CPU time is then the server's.

const QUIET_WAIT_LIMIT_MS = 180_000;

/** Waits until this process (the server, with the simulator) has used under a tenth of a core for two seconds
 * running. A first load leaves work behind (the recorders' first pass over the new inventory), and a load run
 * started meanwhile would time that work, not the cached answers. Returns how long that took, and the CPU
 * milliseconds per second the process still used when quiet (its timers), to take out of a run's CPU time. */
export async function processQuiet(): Promise<{ waitedMs: number; idleCpuMsPerS: number }> {
  const started = performance.now();
  let quietSeconds = 0;
  let idleCpuMsPerS = 0;
  while (quietSeconds < 2 && performance.now() - started < QUIET_WAIT_LIMIT_MS) {
    const before = process.cpuUsage();
    await setTimeout(1000);
    const { user, system } = process.cpuUsage(before);
    idleCpuMsPerS = (user + system) / 1000;
    quietSeconds = idleCpuMsPerS < 100 ? quietSeconds + 1 : 0;
  }
  return { waitedMs: performance.now() - started, idleCpuMsPerS };
}
