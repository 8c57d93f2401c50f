// The engine's measure store alone, for a thread that only writes it (the dashboard's metering store thread):
// importing the index would load the engine's HTTP side (Fastify and its plugins) into that thread too.
export { openMeasureStore } from './storage/measure-store';
export type { MetricMeasures } from './storage/measure-store';
