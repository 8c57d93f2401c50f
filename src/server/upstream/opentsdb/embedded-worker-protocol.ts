import type { OpenTsdbPoint, OpenTsdbQuery, OpenTsdbResult } from './endpoint';

// The messages between the server's thread and the embedded tsdb's (embedded-worker.ts). Each request carries
// an id its answer repeats; the thread answers requests as they come, so a graph's query is answered between
// two writes of a recorder's put.

export interface EmbeddedWorkerData {
  /** The store's directory (SqliteStore.open). */
  readonly dir: string;
}

export type EmbeddedCall =
  | { readonly op: 'query'; readonly query: OpenTsdbQuery }
  | { readonly op: 'put'; readonly points: readonly OpenTsdbPoint[] }
  | { readonly op: 'close' };

export type EmbeddedRequest = EmbeddedCall & { readonly id: number };

/** An error as it crosses threads: an OpenTsdbError keeps its status, anything else is status 0. */
export interface EmbeddedFailure {
  readonly status: number;
  readonly detail: string;
}

export type EmbeddedMessage =
  | { readonly id: number; readonly result?: OpenTsdbResult[]; readonly error?: EmbeddedFailure }
  /** Something the thread would log: the server's thread logs it, with its own logger. */
  | { readonly log: { readonly message: string; readonly error: string } };
