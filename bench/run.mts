import { authBench } from './auth.bench';
import { bodyFloodBench } from './body-flood.bench';
import { bundleBench } from './bundle.bench';
import { capacityBench } from './capacity.bench';
import { coldLoadBench } from './cold-load.bench';
import { graphsBench } from './graphs.bench';
import { meteringBench } from './metering.bench';
import { meteringMemoryBench } from './metering-memory.bench';
import { recorderBench } from './recorder.bench';
import { guestBench } from './guest.bench';
import { historySizeBench } from './history-size.bench';
import { listBytesBench } from './list-bytes.bench';
import { maintenanceBench } from './maintenance.bench';
import { serverBench } from './server.bench';
import { simulatorBench } from './simulator.bench';
import { slowUpstreamBench } from './slow-upstream.bench';
import { tsdbBench } from './tsdb.bench';
import { vmTableBench } from './vm-table.bench';
import { wallScreensBench } from './wall-screens.bench';
import { wallMemoryBench } from './wall-memory.bench';

// `npm run bench`: every benchmark in turn, printing its figures; `npm run bench -- capacity graphs`: only
// those. Targets are checked here, never in unit tests.

const BENCHES: Record<string, () => Promise<void>> = {
  tsdb: tsdbBench,
  simulator: simulatorBench,
  guest: guestBench,
  auth: authBench,
  server: serverBench,
  'cold-load': coldLoadBench,
  'body-flood': bodyFloodBench,
  'slow-upstream': slowUpstreamBench,
  bundle: bundleBench,
  'wall-memory': wallMemoryBench,
  'wall-screens': wallScreensBench,
  graphs: graphsBench,
  'vm-table': vmTableBench,
  'list-bytes': listBytesBench,
  metering: meteringBench,
  'metering-memory': meteringMemoryBench,
  capacity: capacityBench,
  'history-size': historySizeBench,
  maintenance: maintenanceBench,
  recorder: recorderBench,
};

const only = process.argv.slice(2);
const unknown = only.filter((name) => !(name in BENCHES));
if (unknown.length > 0)
  throw new Error(`no benchmark ${unknown.join(', ')}; there are ${Object.keys(BENCHES).join(', ')}`);

console.log(`# vScope benchmarks (node ${process.version}, ${new Date().toISOString()})`);
for (const [name, bench] of Object.entries(BENCHES))
  if (only.length === 0 || only.includes(name)) await bench();
