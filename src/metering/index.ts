// The metering engine's entry points: for the CLI, bench/, and the dashboard server, which embeds the engine,
// writes through it and mounts its API.
export { createMeteringServer, meteringPlugin, openEngine } from './http/server';
export type { MeteringAppOptions, MeteringServerOptions } from './http/server';
export { basicAuthentication } from './http/access';
export type { Authenticate, MeteringAccess } from './http/access';
export type { CanSee } from './indexer/scoped-indexer';
export { GnocchiError } from './errors';
export type { MeteringEngine } from './http/engine';
export { uuid5 } from './resource-id';
export { gnocchiErrorBody } from './errors';
export { parseSearchQueryString } from './search/query-string';
export { pyFloatRepr } from './search/py';
export { metricIdsOf } from './aggregates/metric-ids';
export { metricReferences, parseOperations } from './aggregates/operations';
export { forbidden } from './errors';
