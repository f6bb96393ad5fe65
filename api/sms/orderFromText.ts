import type { PoolClient } from 'pg';
import {
  createWorkOrderToStartLater,
  type CommandDeps,
  type OrderToStartLater,
  type RecordedWorkOrder,
} from '../commands/createWorkOrder';

/**
 * The work order a text opens: written in the message's transaction with the request to start its workflow, which
 * carries the text's MessageSid as its key (the workflow's memo), so a start that finds the workflow there finds its own.
 */
export function createOrderFromText(
  client: PoolClient,
  deps: CommandDeps,
  messageSid: string,
  order: Omit<OrderToStartLater, 'source' | 'startKey' | 'wanting'>,
): Promise<RecordedWorkOrder> {
  return createWorkOrderToStartLater(client, deps, {
    ...order,
    source: 'sms',
    startKey: `sms:${messageSid}`,
    wanting: `the text ${messageSid}`,
  });
}
