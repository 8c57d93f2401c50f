import type { OpenTsdbPoint, OpenTsdbQuery, OpenTsdbResult } from './endpoint';

// The calls the server's thread makes to the embedded tsdb's (embedded-worker.ts). The thread answers them as
// they come, so a graph's query is answered between two writes of a recorder's put.

export interface EmbeddedWorkerData {
  /** The store's directory (SqliteStore.open). */
  readonly dir: string;
}

export type EmbeddedCall =
  | { readonly op: 'query'; readonly query: OpenTsdbQuery }
  | { readonly op: 'put'; readonly points: readonly OpenTsdbPoint[] }
  | { readonly op: 'close' };

export type EmbeddedResult = OpenTsdbResult[];
