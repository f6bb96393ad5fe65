/**
 * The demo step of npm start (skipped with --no-demo): where the demo work orders go, read before the worker and
 * the API start; then the orders and the preventive plan, made through the API. A failure is logged, not fatal.
 */
import type { Config } from '../../runtime/config';
import { ensureDemoPlan } from '../demoPlan';
import { createDemoWorkOrders, demoTargets, type DemoUnit } from './demoWorkOrders';
import { log } from './log';

/** The units for the demo work orders, null when they exist already, undefined when they are not to be created. */
export type DemoOrdersPlan = DemoUnit[] | null | undefined;

export async function planDemoOrders(databaseUrl: string): Promise<DemoOrdersPlan> {
  return demoTargets(databaseUrl).catch((err: unknown) => {
    log(`demo work orders will not be created: ${(err as Error).message}`);
    return undefined;
  });
}

export async function createDemo(config: Config, apiUrl: string, key: string, orders: DemoOrdersPlan): Promise<void> {
  if (orders !== undefined) {
    await createDemoWorkOrders(config, apiUrl, key, orders).catch((err: unknown) => {
      log(`demo work orders were not created: ${(err as Error).message}`);
    });
  }
  await ensureDemoPlan(apiUrl, key).then(
    (done) => log(`demo: ${done}`),
    (err: unknown) => log(`demo preventive plan was not created: ${(err as Error).message}`),
  );
}
