import { DEMO_PLAN } from '../db/seed/preventiveDemo';

/**
 * Creates the demo preventive plan through the API unless it is there already (a Temporal Schedule that runs on the
 * first of every month; `POST /schedules/monthly-preventive/trigger` runs it now). Answers what it did, for the log.
 */
export async function ensureDemoPlan(apiUrl: string, key: string): Promise<string> {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const existing = await fetch(`${apiUrl}/schedules/${DEMO_PLAN.id}`, { headers });
  if (existing.ok) return `preventive plan ${DEMO_PLAN.id} exists already`;
  if (existing.status !== 404)
    throw new Error(`GET /schedules/${DEMO_PLAN.id} answered ${existing.status}: ${await existing.text()}`);
  const created = await fetch(`${apiUrl}/schedules`, { method: 'POST', headers, body: JSON.stringify(DEMO_PLAN) });
  if (!created.ok) throw new Error(`POST /schedules answered ${created.status}: ${await created.text()}`);
  const { nextRunTimes } = (await created.json()) as { nextRunTimes: string[] };
  return `created preventive plan ${DEMO_PLAN.id}; next run ${nextRunTimes[0] ?? '(none)'}`;
}
