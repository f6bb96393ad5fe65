import type { Logger as TemporalLogger, LogLevel as TemporalLogLevel, LogMetadata } from '@temporalio/common';
import { workOrderNumberFromWorkflowId } from '../workflows/definitions';
import type { Logger } from './logger';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * The Temporal SDK's logger interface over pino: the worker's, Core's, workflow (`workflow.log`, through the SDK's
 * logger sink) and activity (`Context.current().log`) messages. The SDK attaches `workflowId` to workflow and
 * activity messages; the work order's number is added from it, so one filter finds every line about an order.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const write = (level: TemporalLogLevel, message: string, meta?: LogMetadata) => {
    const method = LEVELS[level];
    if (!logger.isLevelEnabled(method)) return;
    const workflowId = typeof meta?.workflowId === 'string' ? meta.workflowId : null;
    const workOrderNumber = workflowId ? workOrderNumberFromWorkflowId(workflowId) : null;
    logger[method]({ ...meta, ...(workOrderNumber !== null ? { workOrderNumber } : {}) }, message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}
