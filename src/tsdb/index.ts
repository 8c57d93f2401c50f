// The tsdb module's public surface, for the server (embedded history, recorder) and the simulator (/metrics).

export type {
  DataPoint,
  IncomingPoint,
  NameKind,
  ReadWindow,
  RollupBucket,
  SeriesData,
  SeriesRef,
  Tags,
  TsdbStore,
} from './store';
export { ReadOnlyStoreError, seriesKey } from './store';
export { MemoryStore } from './memory-store';
export type { SqliteStoreOptions } from './sqlite-store';
export { SqliteStore } from './sqlite-store';
export type { RollupLevel } from './rollup-levels';
export { DEFAULT_ROLLUP_LEVELS } from './rollup-levels';
export type { TsdbRoutesOptions } from './http-routes';
export { tsdbRoutes } from './http-routes';
export type { TsdbServerOptions } from './server';
export { createTsdbServer } from './server';
export type { QueryResult, RunQueryOptions } from './query-engine';
export { runQuery } from './query-engine';
export type { SubQuery, TsQuery } from './query-model';
export { parseQueryBody } from './query-parse';
export { parseQueryString } from './query-string-parse';
export { serializeResults } from './json-output';
export { TsdbError } from './errors';
