// The metering engine's entry points: for the CLI, bench/, and the dashboard server, which embeds the engine,
// writes through it and mounts its API, or proxies a remote Gnocchi with the engine's grammars (search
// filters, aggregation operations) and its error envelope.
export { createMeteringServer, meteringPlugin, openEngine } from './http/server';
export type { MeteringAppOptions, MeteringServerOptions } from './http/server';
export { basicAuthentication } from './http/access';
export type { Authenticate, MeteringAccess } from './http/access';
export type { CanSee } from './indexer/scoped-indexer';
export { asGnocchiError, forbidden, GnocchiError, gnocchiErrorBody } from './errors';
export type { MeteringEngine } from './http/engine';
export { uuid5 } from './resource-id';
export { parseSearchQueryString } from './search/query-string';
export { pyFloatRepr } from './search/py';
export { metricIdsOf } from './aggregates/metric-ids';
export { metricReferences, parseOperations } from './aggregates/operations';
export { openMeasureStore } from './storage/measure-store';
export type { LocalMeasureStore, Measures, MeasureStore, MetricMeasures } from './storage/measure-store';
export type { ArchivePolicy } from './carbonara/archive-policy';
