/**
 * The automatic path of a work order in three steps, each one Postgres transaction, run by the workflow as local
 * activities: begin triage, triage (context and a deterministic classification), and propose + route + book +
 * assigned. Each writes its events under the workflow's idempotency keys, so a step run again after a crash finds
 * them written and changes nothing.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { inTransaction } from '../db/pool';
import { currentRules } from '../db/queries/rules';
import type { AssignmentProposal } from '../domain/assignment';
import { classifiedChange, type ClassificationResult } from '../domain/classified';
import { FailureType } from '../domain/failures';
import type { Rules, VersionedRules } from '../domain/rules';
import { routeOrder, routingInputOf, slotToBook, type OrderRoutingFacts } from '../domain/orderRouting';
import type { RoutingDecision } from '../domain/rulesEngine';
import type { WorkOrderInput } from '../domain/workOrderContract';
import { bookIn, proposeIn, type BookingResult, type ProposalRequest } from './assignment';
import { classifyOrder } from './classification';
import { gatherContext, summaryOf, type ContextSummary } from './context';
import type { ActivityDeps } from './deps';
import { recorded, recordedProposal, recordedTriage, rulesStartedWith } from './autoPathReplays';
import { applyChangeIn, ensureWorkOrderRow, recordDecisionIn, type ChangeRequest } from './workOrders';
import type { PoolClient } from 'pg';

export interface BeginTriageRequest {
  input: WorkOrderInput;
  /** The triage_started change; the rules version it pins is added here. */
  change: ChangeRequest;
}

export interface BeginTriageResult extends VersionedRules {
  /** The worker's classifier calls out (Claude): the workflow runs it as a regular activity, not inside its task. */
  classifierIsRemote: boolean;
}

export interface TriageRequest {
  number: number;
  rulesVersion: number;
  cacheSeconds: number;
  context: Rules['context'];
  emergencySlaSeconds: number;
  keys: { contextEnriched: string; classification: string; classified: string };
  /** What the workflow's record says of the coordinator, written with each change. */
  coordinator: Pick<NonNullable<ChangeRequest['patch']>, 'needsCoordinator' | 'pendingDecision'>;
}

export interface TriageResult extends ClassificationResult {
  context: ContextSummary;
  slaDeadline: string | null;
}

export interface ProposeAndBookRequest {
  proposal: ProposalRequest;
  rulesVersion: number | null;
  thresholds: Rules['thresholds'];
  routing: { classificationConfidence: number; safety: boolean; slaDeadline: string | null };
  /** Why a person must check the classification: routing then never assigns on its own. */
  classifierUnavailable: string | null;
  keys: { proposal: string; routing: string };
  /** The 'assigned' change to record in the same transaction when the best slot is booked; none: record nothing. */
  assigned: ChangeRequest | null;
}

export interface ProposeAndBookResult {
  proposal: AssignmentProposal;
  routing: RoutingDecision;
  /** Null when routing did not assign on its own (or vendors come first). */
  booking: BookingResult | null;
  /** The 'assigned' change was recorded. */
  assigned: boolean;
}

export function createAutoPathActivities(deps: ActivityDeps) {
  const { pool, classifier } = deps;
  return {
    /** The order's row (if the API has not written it), the rules in force, and triage_started. */
    async beginTriage(req: BeginTriageRequest): Promise<BeginTriageResult> {
      return inTransaction(pool, async (client) => {
        await ensureWorkOrderRow(client, req.input);
        const classifierIsRemote = classifier.name !== 'heuristic';
        const before = await rulesStartedWith(client, req.change.idempotencyKey);
        if (before) return { ...before, classifierIsRemote };
        const newest = await currentRules(client);
        if (!newest)
          throw ApplicationFailure.create({
            type: FailureType.Misconfigured,
            message: 'no rules row: run the seed',
            nonRetryable: false,
          });
        const { change } = req;
        await applyChangeIn(client, {
          ...change,
          event: { ...change.event, payload: { ...change.event.payload, rulesVersion: newest.version } },
          patch: { ...change.patch, rulesVersion: newest.version },
        });
        return { version: newest.version, rules: newest.rules, classifierIsRemote };
      });
    },

    /** The order's context, its classification by the worker's own classifier, and both events. */
    async triageOrder(req: TriageRequest): Promise<TriageResult> {
      return inTransaction(pool, async (client) => {
        const before = await recordedTriage(client, req.number, req.keys);
        if (before) return before;
        const base = { number: req.number, patch: req.coordinator };
        const context = summaryOf(await gatherContext(client, { number: req.number, context: req.context }));
        await applyChangeIn(client, {
          ...base,
          idempotencyKey: req.keys.contextEnriched,
          event: { type: 'context_enriched', actor: SYSTEM, source: 'workflow', payload: { ...context } },
        });
        const classified = await classifyOrder(client, classifier, {
          number: req.number,
          rulesVersion: req.rulesVersion,
          cacheSeconds: req.cacheSeconds,
          idempotencyKey: req.keys.classification,
        });
        const slaDeadline =
          classified.priority === 'emergency'
            ? new Date((deps.now?.() ?? new Date()).getTime() + req.emergencySlaSeconds * 1000).toISOString()
            : null;
        const { actor, payload, patch } = classifiedChange(classified, slaDeadline);
        await applyChangeIn(client, {
          ...base,
          idempotencyKey: req.keys.classified,
          event: { type: 'classified', actor, source: 'workflow', payload },
          patch: { ...patch, ...req.coordinator },
        });
        return { ...classified, context, slaDeadline };
      });
    },

    /**
     * A proposal, its routing and both decisions; when routing assigns on its own (and no vendor comes first), the
     * booking of the best slot and the 'assigned' change.
     */
    async proposeAndBook(req: ProposeAndBookRequest): Promise<ProposeAndBookResult> {
      return inTransaction(pool, async (client) => {
        const before = await recordedProposal(client, req.proposal.number, req.keys);
        if (before) return answeredBefore(client, req, before);
        const proposal = await proposeIn(client, deps, req.proposal);
        const facts = routingFactsOf(req);
        const routing = routeOrder(facts, proposal, req.thresholds);
        await recordDecisionIn(client, {
          number: req.proposal.number,
          idempotencyKey: req.keys.proposal,
          kind: 'assignment_proposal',
          provider: 'scoring',
          rulesVersion: req.rulesVersion,
          output: proposal,
          reasoning: proposal.best?.reasoning ?? proposal.noFitReason ?? 'no proposal',
        });
        await recordDecisionIn(client, {
          number: req.proposal.number,
          idempotencyKey: req.keys.routing,
          kind: 'routing',
          provider: 'rules_engine',
          rulesVersion: req.rulesVersion,
          input: routingInputOf(facts, proposal),
          output: routing,
          reasoning: routing.reasons.join('; '),
        });
        const best = slotToBook(routing, proposal);
        if (!best) return { proposal, routing, booking: null, assigned: false };
        const booking = await bookIn(client, {
          number: req.proposal.number,
          technicianId: best.technicianId,
          slot: best.slot,
        });
        if (!booking.ok || !req.assigned) return { proposal, routing, booking, assigned: false };
        const { assigned } = req;
        await applyChangeIn(client, {
          ...assigned,
          event: {
            ...assigned.event,
            payload: { technicianId: best.technicianId, slot: best.slot, decidedBy: 'auto', reason: null },
          },
          patch: {
            ...assigned.patch,
            proposal,
            routing,
            assignedTechnicianId: best.technicianId,
            scheduledStart: best.slot.start,
            scheduledEnd: best.slot.end,
          },
        });
        return { proposal, routing, booking, assigned: true };
      });
    },
  };
}

const SYSTEM = { type: 'system', id: 'workflow' } as const;

export function routingFactsOf(req: ProposeAndBookRequest): OrderRoutingFacts {
  return {
    ...req.routing,
    priority: req.proposal.classification.priority,
    classifierUnavailable: req.classifierUnavailable,
  };
}

/** The answer of a proposeAndBook that committed before (one transaction: all of it or none). */
async function answeredBefore(
  client: PoolClient,
  req: ProposeAndBookRequest,
  before: { proposal: AssignmentProposal; routing: RoutingDecision; booked: boolean },
): Promise<ProposeAndBookResult> {
  const { proposal, routing, booked } = before;
  if (!slotToBook(routing, proposal)) return { proposal, routing, booking: null, assigned: false };
  const assigned = req.assigned !== null && (await recorded(client, req.assigned.idempotencyKey));
  const booking: BookingResult = booked
    ? { ok: true }
    : { ok: false, reason: 'double_booked', message: 'the best slot was taken when this step first ran' };
  return { proposal, routing, booking, assigned };
}
