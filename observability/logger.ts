import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../runtime/config';

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Which process wrote the line: `api` or `worker`. */
  service: string;
  /** stdout when absent; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** One JSON object per line: `level` as a name, `time` as an ISO string, errors under `err` with their stack. */
export function createLogger({ level, service, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // The Temporal SDK puts failures under `error`; ours go under `err`.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}
