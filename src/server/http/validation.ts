import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

// Routes declare their params, query and body as the shared zod models, typed in handlers through
// fastify-type-provider-zod's ZodTypeProvider. The library's own compiler turns zod's issues into Ajv's shape
// and drops the ZodError; this one hands the ZodError on whole, so the error handler words every 400 with
// zod's own z.prettifyError, whichever route refused the request.

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  };
