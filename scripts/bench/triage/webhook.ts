/**
 * Part 2, webhook to assigned: with the worker running and the large history in place, messages the heuristic
 * classifier auto-assigns are sent open-loop after a warm-up, with the CPU of every process and the event loop's lag
 * measured meanwhile; then what the database and Temporal recorded of each order is read.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { TestSystem } from '../../../test/support/system';
import { workOrderWorkflowId } from '../../../workflows/definitions';
import { measuringCpu, type Cpu } from '../cpuUse';
import { EVENT_LOOP_RESOLUTION_MS, lagMs } from '../harness';
import type { Tenant } from '../workload';
import type { Options } from './options';
import { eventTimes, rowDetails, type RowDetail } from './records';
import { sendAndFollow, type Sent } from './send';
import { workflowTimes, type HistoryEvent, type WorkflowTimes } from './workflowHistory';

/** CPU seconds over the measurement, by whom (as the throughput benchmark measures them), and the event loop's lag. */
export interface CpuFigures extends Cpu {
  eventLoopLagMs: { p50: number; p99: number; max: number };
}

/** `measure` run with every process's CPU and the event loop's delay measured around it. */
async function withCpu<T>(system: TestSystem, measure: () => Promise<T>): Promise<{ value: T; cpu: CpuFigures }> {
  const eventLoop = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  eventLoop.enable();
  const { result, cpu } = await measuringCpu(system, measure);
  eventLoop.disable();
  const eventLoopLagMs = {
    p50: lagMs(eventLoop.percentile(50)),
    p99: lagMs(eventLoop.percentile(99)),
    max: lagMs(eventLoop.max),
  };
  return { value: result, cpu: { ...cpu, eventLoopLagMs } };
}

/** The warm-up's messages (discarded), then the measured ones with the CPU around them. */
export async function sendMessages(
  system: TestSystem,
  tenants: Tenant[],
  options: Options,
  stopped: () => boolean,
): Promise<{ sent: Sent[]; cpu: CpuFigures }> {
  const { orderWarmup, orders, rate, timeoutSeconds } = options;
  if (orderWarmup > 0) {
    console.error(`webhook to assigned: warm-up, ${orderWarmup} messages at ${rate}/s…`);
    await sendAndFollow(system, tenants, 0, orderWarmup, rate, timeoutSeconds, stopped);
  }
  console.error(`webhook to assigned: ${orders} messages at ${rate}/s…`);
  const { value: sent, cpu } = await withCpu(system, () =>
    sendAndFollow(system, tenants, orderWarmup, orders, rate, timeoutSeconds, stopped),
  );
  return { sent, cpu };
}

/** What was recorded of the orders the messages opened. */
export interface WebhookRecords {
  numbers: number[];
  details: Map<number, RowDetail>;
  events: Map<number, Map<string, number>>;
  /** Classifications that came from the cache. */
  cachedRows: number;
  histories: WorkflowTimes[];
}

export async function readRecords(system: TestSystem, sent: Sent[]): Promise<WebhookRecords> {
  const pool = system.db.pool;
  const numbers = sent.flatMap((s) => (s.number === null ? [] : [s.number]));
  const details = await rowDetails(pool, numbers);
  const events = await eventTimes(pool, numbers);
  const cachedRows = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE work_order_number = ANY($1::bigint[]) AND type = 'classified' AND (payload->>'cached')::boolean`,
      [numbers],
    )
  ).rows[0]!.n;

  const histories: WorkflowTimes[] = [];
  for (const number of numbers) {
    const history = await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .fetchHistory()
      .catch(() => null);
    const times = history ? workflowTimes((history.events ?? []) as HistoryEvent[]) : null;
    if (times) histories.push(times);
  }
  return { numbers, details, events, cachedRows, histories };
}
