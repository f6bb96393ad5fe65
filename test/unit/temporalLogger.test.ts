import { createLogger } from '../../observability/logger';
import { temporalLogger } from '../../observability/temporalLogger';

function capture(level: 'info' | 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = temporalLogger(
    createLogger({
      level,
      service: 'worker',
      destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    }),
  );
  return { lines, logger };
}

test("a work order's workflow id adds its number; other workflows' ids and no id add nothing", () => {
  const { lines, logger } = capture('info');
  logger.info('classified', { workflowId: 'work-order-1032', activityType: 'classifyWorkOrder' });
  logger.warn('due items', { workflowId: 'preventive-monthly-2026-11' });
  logger.error('Core says', { sdkComponent: 'core' });
  expect(lines).toEqual([
    expect.objectContaining({
      level: 'info',
      msg: 'classified',
      workflowId: 'work-order-1032',
      workOrderNumber: 1032,
      activityType: 'classifyWorkOrder',
      service: 'worker',
    }),
    expect.not.objectContaining({ workOrderNumber: expect.anything() }),
    expect.objectContaining({ level: 'error', msg: 'Core says', sdkComponent: 'core' }),
  ]);
});

test("levels map to pino's, and lines under the logger's level are dropped", () => {
  const { lines, logger } = capture('info');
  logger.trace('t');
  logger.debug('d');
  logger.log('WARN', 'w');
  expect(lines.map((l) => [l.level, l.msg])).toEqual([['warn', 'w']]);
});

test("the SDK's errors, under `error`, are serialized with their type, message and stack", () => {
  const { lines, logger } = capture('debug');
  logger.warn('Activity failed', { error: new TypeError('boom') });
  expect(lines[0]!.error).toMatchObject({
    type: 'TypeError',
    message: 'boom',
    stack: expect.stringContaining('TypeError: boom'),
  });
  expect(typeof lines[0]!.time).toBe('string');
});
