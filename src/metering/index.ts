// The metering engine's entry points for bench/ and the CLI.
export { createMeteringServer, meteringPlugin, openEngine } from './http/server';
export type { MeteringServerOptions } from './http/server';
export type { MeteringEngine } from './http/engine';
export { GnocchiError } from './errors';
