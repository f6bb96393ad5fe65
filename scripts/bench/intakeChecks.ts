/**
 * What the intake benchmark reads back after its run (intake.ts) and checks against its answers: every intake
 * message got its own work order and its workflow, the baselines created nothing; exit code 1 when a check fails.
 */
import type { Pool } from 'pg';
import { renderSms } from '../../domain/sms/templates';
import type { TestSystem } from '../../test/support/system';
import { workOrderWorkflowId } from '../../workflows/definitions';
import { sleep, sum } from './harness';
import type { Answer, Kind } from './intakeBlocks';
import { summarize, type Summary } from './stats';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface WorkflowStarts {
  /** Start requests still not started STARTS_WAIT_MS after the last answer. */
  unstarted: number;
  failedAttempts: number;
  /** From the order's transaction to its workflow's start. */
  startedAfter: Summary;
}

/** How long the correctness check waits for the last answered orders' workflows to start. */
const STARTS_WAIT_MS = 30_000;

export async function countWorkOrders(pool: Pool): Promise<number> {
  return Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM work_orders')).rows[0]!.n);
}

/** Work orders by status, most first: how far the background triage got. */
export async function workOrderStatuses(pool: Pool): Promise<Array<{ status: string; n: string }>> {
  return (
    await pool.query<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM work_orders GROUP BY status ORDER BY count(*) DESC',
    )
  ).rows;
}

/** The start requests the intake wrote, once the last ones have started (or STARTS_WAIT_MS has passed). */
export async function workflowStarts(pool: Pool): Promise<WorkflowStarts> {
  const deadline = Date.now() + STARTS_WAIT_MS;
  const unstarted = async () =>
    Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM workflow_start_requests WHERE started_at IS NULL'))
        .rows[0]!.n,
    );
  while ((await unstarted()) > 0 && Date.now() < deadline) await sleep(100);
  const { rows } = await pool.query<{ ms: number; failed: number }>(
    `SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms, failed_attempts AS failed
       FROM workflow_start_requests WHERE started_at IS NOT NULL`,
  );
  return {
    unstarted: await unstarted(),
    failedAttempts: sum(rows.map((r) => r.failed)),
    startedAfter: summarize(rows.map((r) => Number(r.ms))),
  };
}

/** Every check, in the order the report lists them. */
export async function checkCorrectness(
  system: TestSystem,
  answers: Record<Kind, Answer[]>,
  workOrdersBefore: number,
  starts: WorkflowStarts,
): Promise<Check[]> {
  const pool = system.db.pool;
  const intake = answers.intake;
  // The number each intake answer names; NaN when it names none.
  const numbers = intake.map((a) => Number(/#(\d+)/.exec(a.reply)?.[1] ?? Number.NaN));
  const distinct = new Set(numbers.filter(Number.isFinite));
  return [
    ...(await workOrderChecks(pool, intake, numbers, distinct, workOrdersBefore)),
    await workflowCheck(system, distinct),
    await helpCheck(pool, answers.help),
    ...(await duplicateChecks(pool, answers)),
    failedRequestsCheck(answers),
    startsCheck(starts),
  ];
}

async function workOrderChecks(
  pool: Pool,
  intake: Answer[],
  numbers: number[],
  distinct: Set<number>,
  workOrdersBefore: number,
): Promise<Check[]> {
  const created = (await countWorkOrders(pool)) - workOrdersBefore;
  // Each answer names the work order created for that very message (by its MessageSid), in the tenant's language.
  const numberBySid = new Map(
    (
      await pool.query<{ sid: string; number: string }>(
        `SELECT metadata->'sms'->>'messageSid' AS sid, number FROM work_orders WHERE source = 'sms'`,
      )
    ).rows.map((r) => [r.sid, Number(r.number)]),
  );
  const own = intake.filter(
    (a, i) =>
      a.status === 200 &&
      numberBySid.get(a.message.sid) === numbers[i] &&
      a.reply === renderSms({ kind: 'intake_ack', number: numbers[i]! }, a.message.language),
  );
  return [
    {
      name: 'work orders created == intake messages sent',
      ok: created === intake.length,
      detail: `${created} created, ${intake.length} intake messages sent (warm-up included)`,
    },
    {
      name: 'every intake answer carries its own work order number',
      ok: own.length === intake.length,
      detail: `${own.length}/${intake.length}`,
    },
    {
      name: 'no work order number answered twice',
      ok: distinct.size === intake.length,
      detail: `${distinct.size} distinct numbers in ${intake.length} answers`,
    },
  ];
}

/** Every answered number has its workflow (describe reads the execution itself, not the eventually consistent visibility store). */
async function workflowCheck(system: TestSystem, numbers: Set<number>): Promise<Check> {
  let withWorkflow = 0;
  const queue = [...numbers];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        const described = await system.env.client.workflow
          .getHandle(workOrderWorkflowId(n))
          .describe()
          .catch(() => null);
        if (described?.type === 'workOrderWorkflow') withWorkflow += 1;
      }
    }),
  );
  return {
    name: 'every work order number has its workflow',
    ok: withWorkflow === numbers.size,
    detail: `${withWorkflow}/${numbers.size}`,
  };
}

async function helpCheck(pool: Pool, help: Answer[]): Promise<Check> {
  const linked = Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM sms_messages WHERE provider_sid = ANY($1) AND work_order_number IS NOT NULL`,
        [help.map((a) => a.message.sid)],
      )
    ).rows[0]!.n,
  );
  const helpTexts = help.filter(
    (a) => a.status === 200 && a.reply === renderSms({ kind: 'help' }, a.message.language),
  ).length;
  return {
    name: 'baseline A: every HELP got the help text and created nothing',
    ok: helpTexts === help.length && linked === 0,
    detail: `${helpTexts}/${help.length} help texts, ${linked} linked to a work order`,
  };
}

async function duplicateChecks(pool: Pool, answers: Record<Kind, Answer[]>): Promise<Check[]> {
  const { intake, help, duplicate } = answers;
  const firstReply = new Map(intake.map((a) => [a.message.sid, a.reply]));
  const sameReply = duplicate.filter(
    (a) => a.status === 200 && a.reply !== '' && a.reply === firstReply.get(a.message.sid),
  ).length;
  const sentSids = new Set([...intake, ...help, ...duplicate].map((a) => a.message.sid));
  const stored = Number(
    (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM sms_messages WHERE direction = 'inbound'`)).rows[0]!.n,
  );
  return [
    {
      name: 'baseline B: every duplicate got the first answer again',
      ok: sameReply === duplicate.length,
      detail: `${sameReply}/${duplicate.length}`,
    },
    {
      name: 'one stored inbound message per MessageSid',
      ok: stored === sentSids.size,
      detail: `${stored} stored, ${sentSids.size} distinct MessageSids posted`,
    },
  ];
}

function failedRequestsCheck(answers: Record<Kind, Answer[]>): Check {
  const failed = [...answers.intake, ...answers.help, ...answers.duplicate].filter((a) => a.status !== 200);
  return {
    name: 'no HTTP error or failed request',
    ok: failed.length === 0,
    detail: failed.length === 0 ? 'none' : `${failed.length}, first: ${failed[0]!.status} ${failed[0]!.error ?? ''}`,
  };
}

function startsCheck(starts: WorkflowStarts): Check {
  return {
    name: 'every work order written was started by the starter, none failed',
    ok: starts.unstarted === 0 && starts.failedAttempts === 0,
    detail: `${starts.unstarted} not started ${STARTS_WAIT_MS / 1000} s after the last answer, ${starts.failedAttempts} failed starts`,
  };
}
