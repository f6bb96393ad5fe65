/**
 * A coordinator answering pages by text (issue 16): `ACK 1107`, `ACK`, `ACCEPT 1107`, `LIST`, `COMMANDS`. The webhook is
 * signed, and each answer is attributed like the API's: an acknowledgement is recorded as theirs (the pages' acked_by
 * and a `coordinator_acknowledged` event with their actor), an ACCEPT is the same workflow update as the API's
 * POST /work-orders/:id/assignment {action: 'accept'}, with them as the actor. The admin contact of the rules
 * (paged when nobody is on call) may answer the same way, as the admin.
 */
import type { PoolClient } from 'pg';
import {
  acknowledgePages,
  openPagesTextedTo,
  recordAcknowledgedEvent,
  type AckedOrder,
} from '../../db/queries/coordinatorPages';
import type { SmsSender } from '../../db/queries/smsSenders';
import { looksLikeOrderCommand, parseCoordinatorCommand } from '../../domain/paging/commands';
import { renderPageSms, type PageSmsMessage } from '../../domain/sms/pageTemplates';
import { formatVisitTime, type SmsLanguage } from '../../domain/sms/templates';
import { decideAssignmentUpdate, workOrderWorkflowId } from '../../workflows/definitions';
import type { Actor } from '../../domain/actor';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { executeUpdateWithin, workflowDeadlines } from '../workflowCalls';
import type { InboundOutcome, InboundSms } from './inboundSms';
import { currentTimeZone } from './rulesTimeZone';

interface Answerer {
  actor: Actor;
  coordinatorId: number | null;
  name: string;
  language: SmsLanguage;
}

function answererOf(sender: SmsSender): Answerer | null {
  const { coordinator } = sender;
  if (coordinator)
    return {
      actor: { type: 'coordinator', id: `coordinators/${coordinator.id}` },
      coordinatorId: coordinator.id,
      name: coordinator.name,
      language: coordinator.language,
    };
  if (sender.adminContact)
    return {
      actor: { type: 'admin', id: 'paging-admin-contact' },
      coordinatorId: null,
      name: 'admin contact',
      language: 'en',
    };
  return null;
}

/** Acknowledges the pages and writes one `coordinator_acknowledged` event per order, as the answerer's. */
async function acknowledge(
  client: PoolClient,
  sms: InboundSms,
  who: Answerer,
  number: number | null,
  via: 'ack' | 'accept',
): Promise<AckedOrder[]> {
  const acked = await acknowledgePages(client, {
    number,
    phone: sms.from,
    coordinatorId: who.coordinatorId,
    actor: `${who.actor.type}:${who.actor.id}`,
    at: new Date(),
  });
  for (const order of acked) {
    await recordAcknowledgedEvent(client, {
      number: order.number,
      actorType: who.actor.type,
      actorId: who.actor.id,
      messageSid: sms.messageSid,
      payload: {
        causes: order.causes,
        coordinatorId: who.coordinatorId,
        name: who.name,
        via,
        messageSid: sms.messageSid,
      },
    });
  }
  return acked;
}

async function accept(
  client: PoolClient,
  deps: ApiDeps,
  sms: InboundSms,
  who: Answerer,
  number: number,
): Promise<PageSmsMessage> {
  const order = await client.query('SELECT 1 FROM work_orders WHERE number = $1', [number]);
  if (!order.rowCount)
    return {
      kind: 'page_accept_refused',
      number,
      reason: who.language === 'es' ? 'no existe esa orden.' : 'there is no such order.',
    };
  const { updateMs } = workflowDeadlines(deps);
  let outcome;
  try {
    // The message's id as the update's: Twilio delivering the text again makes no second decision.
    outcome = await executeUpdateWithin(
      deps.temporal.workflow.getHandle(workOrderWorkflowId(number)),
      decideAssignmentUpdate,
      [{ action: 'accept', actor: who.actor }],
      updateMs,
      `sms-accept-${sms.messageSid}`,
    );
  } catch (err) {
    if (err instanceof AppError) return { kind: 'page_accept_refused', number, reason: err.message };
    throw err;
  }
  await acknowledge(client, sms, who, number, 'accept');
  if (outcome.status === 'pending') return { kind: 'page_accept_pending', number };
  const assignment = outcome.result.assignment;
  if (!assignment) return { kind: 'page_accept_pending', number };
  const technician = await client.query<{ name: string }>('SELECT name FROM technicians WHERE id = $1', [
    assignment.technicianId,
  ]);
  const when = formatVisitTime(new Date(assignment.slot.start), await currentTimeZone(client), who.language);
  return {
    kind: 'page_accepted',
    number,
    technicianName: technician.rows[0]?.name ?? `technician ${assignment.technicianId}`,
    when,
  };
}

/**
 * Null when the sender is no coordinator (nor the admin contact) and the text is not plainly a coordinator's
 * command, or when a coordinator who is also a tenant sends something else: the tenant's handling goes on.
 */
export async function answerCoordinator(
  client: PoolClient,
  deps: ApiDeps,
  sms: InboundSms,
  sender: SmsSender,
): Promise<InboundOutcome | null> {
  const alsoTenant = sender.tenant !== null;
  const command = parseCoordinatorCommand(sms.body);
  const who = answererOf(sender);
  if (!who) {
    // A stranger's "ACK 1107" is told it is not theirs to send; it opens nothing. A tenant's text goes on as a tenant's.
    if (!alsoTenant && looksLikeOrderCommand(sms.body))
      return { reply: renderPageSms({ kind: 'page_not_coordinator' }, 'en'), workOrderNumber: null };
    return null;
  }
  if (!command)
    return alsoTenant
      ? null
      : { reply: renderPageSms({ kind: 'page_unknown_command' }, who.language), workOrderNumber: null };
  const say = (message: PageSmsMessage, number: number | null = null): InboundOutcome => ({
    reply: renderPageSms(message, who.language),
    workOrderNumber: number,
  });
  switch (command.kind) {
    case 'ack': {
      const acked = await acknowledge(client, sms, who, command.number, 'ack');
      if (acked.length === 0) return say({ kind: 'page_nothing_to_ack', number: command.number }, command.number);
      return say(
        { kind: 'page_acked', numbers: acked.map((o) => o.number) },
        acked.length === 1 ? acked[0]!.number : null,
      );
    }
    case 'accept':
      return say(await accept(client, deps, sms, who, command.number), command.number);
    case 'list':
      return say({ kind: 'page_list', orders: await openPagesTextedTo(client, sms.from) });
    case 'commands':
      return say({ kind: 'page_commands' });
  }
}
