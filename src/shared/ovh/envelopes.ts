import { z } from 'zod';

// Wire shapes OVH sends that are not models of its API schema: batch items, error bodies, the metrics token.

/**
 * One element of an `X-Ovh-Batch` response array. Batch mode is undocumented, so the parse is lenient:
 * the key comes back as a string or a number, and a failed item may lack `value` or `error`.
 */
export const batchItemSchema = <T extends z.ZodType>(valueSchema: T) =>
  z.object({
    key: z.union([z.string(), z.number()]),
    value: valueSchema.nullable().default(null),
    error: z.unknown().default(null),
  });
export type BatchItem<T> = z.infer<ReturnType<typeof batchItemSchema<z.ZodType<T>>>>;

/** Whether a batch item carries its object: any truthy `error` (string or object, unverified) is a failure. */
export function isBatchItemSuccess<T>(item: BatchItem<T>): item is BatchItem<T> & { value: T } {
  return !item.error && item.value !== null;
}

/** The body of an OVH API error response; `errorCode` and `httpCode` come only with some errors. */
export const OvhErrorBodySchema = z.object({
  class: z.string().optional(),
  message: z.string(),
  errorCode: z.string().optional(),
  httpCode: z.string().optional(),
});
export type OvhErrorBody = z.infer<typeof OvhErrorBodySchema>;

/**
 * `dedicatedCloud.metricsToken`, returned by `POST /dedicatedCloud/{sn}/user/{userId}/metricsToken`
 * until OVH removed the route (absent from the 2024 schema, hence hand-written).
 */
export const MetricsTokenSchema = z.object({
  /** Endpoint to query graphs using the OpenTSDB protocol */
  opentsdbEndpoint: z.string(),
  /** Token used to connect to Metrics in order to query data (a `password` in the schema) */
  token: z.string(),
  /** Endpoint to query graphs using the Warp10 protocol */
  warpEndpoint: z.string(),
});
export type MetricsToken = z.infer<typeof MetricsTokenSchema>;
