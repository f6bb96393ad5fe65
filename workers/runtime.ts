import type { RuntimeOptions } from '@temporalio/worker';
import type { Logger } from '../observability/logger';
import { temporalLogger } from '../observability/temporalLogger';

// Core logs per poll at INFO: it is kept at WARN unless the logger asks for debug or trace.
const CORE_FILTER = {
  fatal: 'ERROR',
  error: 'ERROR',
  silent: 'ERROR',
  warn: 'WARN',
  info: 'WARN',
  debug: 'DEBUG',
  trace: 'TRACE',
} as const;

/**
 * The Temporal Runtime (one per process, installed before the first connection): every SDK log line, Core's
 * included, goes through `logger` as JSON; Core serves its own metrics in Prometheus format at
 * http://<temporalMetricsAddress>/metrics, with Prometheus' naming (`_total` counters, `_seconds` durations).
 */
export function workerRuntimeOptions({
  logger,
  temporalMetricsAddress,
}: {
  logger: Logger;
  temporalMetricsAddress: string;
}): RuntimeOptions {
  return {
    logger: temporalLogger(logger),
    telemetryOptions: {
      logging: {
        filter: { core: CORE_FILTER[logger.level as keyof typeof CORE_FILTER] ?? 'WARN', other: 'ERROR' },
        forward: {},
      },
      metrics: {
        prometheus: {
          bindAddress: temporalMetricsAddress,
          countersTotalSuffix: true,
          unitSuffix: true,
          useSecondsForDurations: true,
        },
      },
    },
  };
}
