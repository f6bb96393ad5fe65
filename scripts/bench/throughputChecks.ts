/** What the throughput benchmark checks before it trusts its figures (throughput.ts); exit code 1 when one fails. */
import type { EmptyRun } from './emptyWorkflows';
import type { OrderRun } from './orderRuns';
import type { Saturation } from './saturation';
import type { ThroughputOptions } from './throughputOptions';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function throughputChecks(
  options: ThroughputOptions,
  orders: OrderRun,
  before: EmptyRun,
  after: EmptyRun,
  saturation: Saturation | null,
): Check[] {
  const ladderSteps = [...(saturation?.orders ?? []), ...(saturation?.profiled ? [saturation.profiled.step] : [])];
  const texted = ladderSteps.reduce((sum, s) => sum + s.texted, 0);
  const routedAll = ladderSteps.reduce((sum, s) => sum + s.routedAll, 0);
  const elsewhere = ladderSteps.flatMap((s) => Object.entries(s.other));
  const bookedUp = ladderSteps.reduce((sum, s) => sum + s.crewBookedUp, 0);
  return [
    {
      name: 'every text got its work order number',
      ok: orders.answered === options.orders,
      detail: `${orders.answered}/${options.orders}${orders.firstError ? `; first error: ${orders.firstError}` : ''}`,
    },
    {
      name: `every order routed within ${options.timeoutSeconds} s of its text`,
      ok: orders.routed === options.orders,
      detail: `${orders.routed}/${options.orders}`,
    },
    {
      name: 'every order auto-assigned, unless its booking lost the race to another order (3 times in a row)',
      ok: orders.autoAssigned + orders.lostBookingRace === options.orders,
      detail: `${orders.autoAssigned} auto-assigned, ${orders.lostBookingRace} lost the race${Object.keys(orders.other).length ? `; not auto-assigned: ${JSON.stringify(orders.other)}` : ''}`,
    },
    {
      name: 'every empty workflow completed',
      ok: before.completed === options.empty && after.completed === options.empty,
      detail: `${before.completed} and ${after.completed} of ${options.empty}`,
    },
    ...(saturation
      ? [
          {
            name: 'saturating run: every order routed in time, auto-assigned or to review after losing the booking race or finding the crew booked up',
            ok: routedAll === texted && elsewhere.length === 0,
            detail: `${routedAll} of ${texted} routed, ${bookedUp} to review with the crew booked up (best slot over 3 days out)${elsewhere.length ? `; elsewhere: ${JSON.stringify(Object.fromEntries(elsewhere))}` : ''}`,
          },
        ]
      : []),
  ];
}
