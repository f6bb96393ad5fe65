/** The ports the API and the worker will listen on, checked free before anything starts. */
import type { Config } from '../../runtime/config';
import { portAnswers } from '../devServer';

export async function checkPortsFree(config: Config): Promise<void> {
  if (await portAnswers(config.port))
    throw new Error(`port ${config.port} (the API's) is in use: stop what listens there, or set PORT`);
  for (const [port, variable] of [
    [config.workerMetrics.port, 'WORKER_METRICS_PORT'],
    [config.workerMetrics.temporalPort, 'TEMPORAL_METRICS_PORT'],
  ] as const) {
    if (await portAnswers(port))
      throw new Error(`port ${port} (the worker's metrics) is in use: stop what listens there, or set ${variable}`);
  }
}
