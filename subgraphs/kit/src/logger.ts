import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Keys that may carry personal data (Decree 13/2023/NĐ-CP) or secrets. Whatever object is logged,
 * these are replaced. Request bodies and GraphQL variables are never logged at all.
 */
const PERSONAL_KEYS = [
  'citizenId',
  'dateOfBirth',
  'birthDate',
  'email',
  'phone',
  'fullName',
  'password',
  'token',
  'authorization',
  'cookie',
  'variables',
];

export const REDACT_PATHS = [
  ...PERSONAL_KEYS,
  ...PERSONAL_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-metrology-identity"]',
];

export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
