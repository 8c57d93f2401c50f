import { authBench } from './auth.bench';
import { bodyFloodBench } from './body-flood.bench';
import { bundleBench } from './bundle.bench';
import { capacityBench } from './capacity.bench';
import { graphsBench } from './graphs.bench';
import { meteringBench } from './metering.bench';
import { guestBench } from './guest.bench';
import { serverBench } from './server.bench';
import { simulatorBench } from './simulator.bench';
import { slowUpstreamBench } from './slow-upstream.bench';
import { tsdbBench } from './tsdb.bench';
import { vmTableBench } from './vm-table.bench';
import { wallMemoryBench } from './wall-memory.bench';

// `npm run bench`: every benchmark in turn, printing its figures. Targets are checked here, never in unit tests.

console.log(`# vScope benchmarks (node ${process.version}, ${new Date().toISOString()})`);
await tsdbBench();
await simulatorBench();
await guestBench();
await authBench();
await serverBench();
await bodyFloodBench();
await slowUpstreamBench();
await bundleBench();
await wallMemoryBench();
await graphsBench();
await vmTableBench();
await meteringBench();
await capacityBench();
