/**
 * The worker and the API, each supervised (scripts/supervisor.ts): one that exits is restarted with a growing delay
 * while the rest keeps serving. On the embedded database they run as one process on its one connection
 * (scripts/workerAndApi.ts).
 */
import type { Config } from '../../runtime/config';
import { sleep } from '../async';
import { supervise, type Supervised } from '../supervisor';
import { workerEnvironment } from './environment';
import { log } from './log';
import { runScript } from './processes';
import type { Started } from './shutdown';

/** Adds each to `started.services` as it starts, so that a shutdown stops it. */
export function startServices(started: Started, env: NodeJS.ProcessEnv, config: Config): void {
  const embedded = started.embedded;
  const services = embedded
    ? ([['app', 'scripts/workerAndApi.ts']] as const)
    : ([
        ['worker', 'workers/main.ts'],
        ['api', 'api/main.ts'],
      ] as const);
  const beforeRestart = embedded ? () => embedded.whenIdle() : undefined;
  const workerEnv = workerEnvironment(env, config);
  for (const [name, script] of services) {
    const serviceEnv = name === 'worker' ? workerEnv : env;
    started.services.push(
      supervise(name, () => runScript(name, script, serviceEnv, { ownProcessGroup: true }), { log, beforeRestart }),
    );
  }
}

/** Until the API answers; an API that exits before it ever answered is a failed start (its restarts would fail too). */
export async function waitForHealthy(apiUrl: string, api: Supervised, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.exits > 0)
      throw new Error(
        `the ${api.name === 'api' ? 'API' : api.name} exited while starting; see the [${api.name}] lines above`,
      );
    try {
      if ((await fetch(`${apiUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`the API did not answer ${apiUrl}/healthz within ${timeoutMs / 1000}s`);
}
