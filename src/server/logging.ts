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

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination,
  );
}
