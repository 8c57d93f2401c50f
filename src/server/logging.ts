import type { FastifyBaseLogger } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/config';

// Structured logs (pino) with every place a secret could appear redacted: credentials in headers, cookies,
// and any field named like a password, token, secret or consumer key.

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ovh-signature"]',
  'req.headers["x-ovh-consumer"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.applicationSecret',
  '*.consumerKey',
  '*.clientSecret',
];

/**
 * What the server's parts log through: pino's own methods, so the app's logger, a child of it and a request's
 * logger all fit. An error goes in `err`, where pino keeps its type, stack and cause: `log.warn({ err }, '…')`.
 */
export type Log = Pick<FastifyBaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}
