/**
 * In-memory stand-ins for every activity the work order workflow calls. Each call is recorded (name, order, request);
 * the record keeps what a test reads back: each order's status, the events the workflow wrote (once per idempotency
 * key, as Postgres does; the harness creates the row as the API does) and its booking. What they answer comes from the order's scenario (./scenario). The rules engine and the
 * vendor rule are the real pure functions from domain/.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Activities } from '../../activities';
import { routingFactsOf } from '../../activities/autoPath';
import type { AssignmentOption, AssignmentProposal } from '../../domain/assignment';
import { FailureType } from '../../domain/failures';
import { routeOrder, slotToBook } from '../../domain/orderRouting';
import { canTransition, type WorkOrderStatus } from '../../domain/status';
import type { ChangeRequest } from '../../domain/workOrderChange';
import type { Assignment } from '../../domain/workOrderContract';
import { scenarioOf, type Scenario } from './scenario';

export type WorkOrderActivities = Pick<
  Activities,
  | 'beginTriage'
  | 'triageOrder'
  | 'proposeAndBook'
  | 'applyChange'
  | 'recordDecision'
  | 'releaseBooking'
  | 'proposeAssignment'
  | 'bookTechnician'
  | 'enrichContext'
  | 'classifyWorkOrder'
  | 'findVendors'
  | 'recordVendorOffer'
  | 'recordVendorReply'
  | 'expireVendorOffers'
  | 'awardVendorJob'
  | 'recordPartsRequest'
  | 'closePartsRequest'
  | 'recordAccessProblem'
  | 'openSurvey'
  | 'reviewPhotos'
  | 'sendSms'
  | 'loadCurrentRules'
>;
export type ActivityName = keyof WorkOrderActivities;

export interface Call {
  name: ActivityName;
  number: number | null;
  // The request as the workflow sent it; tests read the fields they check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request: any;
}

export interface OrderRecord {
  status: WorkOrderStatus;
  events: Array<{ type: string; key: string; to?: WorkOrderStatus }>;
  booking: Pick<Assignment, 'technicianId' | 'slot'> | null;
}

export interface FakeWorld {
  activities: WorkOrderActivities;
  calls: Call[];
  records: Map<number, OrderRecord>;
  scenarios: Map<number, Scenario>;
}

const RULES_VERSION = 3;
const HOUR = 3600_000;

export function createFakeWorld(): FakeWorld {
  const calls: Call[] = [];
  const records = new Map<number, OrderRecord>();
  const scenarios = new Map<number, Scenario>();
  const keys = new Set<string>();
  const fallback = scenarioOf();
  const scenario = (number: number | null): Scenario => (number !== null && scenarios.get(number)) || fallback;
  const recordOf = (number: number): OrderRecord => {
    const record = records.get(number);
    if (!record) throw new Error(`work order ${number} not found`);
    return record;
  };

  /** As applyChangeIn: once per key, and only a transition the status machine allows. */
  function apply(change: ChangeRequest): { applied: boolean; eventId: number; status: WorkOrderStatus } {
    const record = recordOf(change.number);
    if (keys.has(change.idempotencyKey)) return { applied: false, eventId: 0, status: record.status };
    if (change.to && change.to !== record.status && !canTransition(record.status, change.to))
      throw ApplicationFailure.create({
        type: FailureType.ForbiddenTransition,
        message: `work order ${change.number} cannot go from ${record.status} to ${change.to}`,
        nonRetryable: true,
      });
    keys.add(change.idempotencyKey);
    record.events.push({
      type: change.event.type,
      key: change.idempotencyKey,
      ...(change.to ? { to: change.to } : {}),
    });
    if (change.to) record.status = change.to;
    return { applied: true, eventId: record.events.length, status: record.status };
  }

  const fakes: WorkOrderActivities = {
    async beginTriage({ input, change }) {
      apply(change);
      return { version: RULES_VERSION, rules: scenario(input.number).rules, classifierIsRemote: false };
    },
    async triageOrder(req) {
      const { classification, rules } = scenario(req.number);
      const slaDeadline =
        classification.priority === 'emergency'
          ? new Date(Date.now() + rules.durations.emergencySlaSeconds * 1000).toISOString()
          : null;
      const base = { number: req.number, patch: req.coordinator };
      const system = { type: 'system' as const, id: 'fake' };
      apply({
        ...base,
        idempotencyKey: req.keys.contextEnriched,
        event: { type: 'context_enriched', actor: system, source: 'workflow' },
      });
      apply({
        ...base,
        idempotencyKey: req.keys.classified,
        event: { type: 'classified', actor: system, source: 'workflow' },
      });
      const context = { tenantRequestsInWindow: 0, similarInBuilding: 0 };
      const result = {
        classification,
        provider: 'fake',
        cached: false,
        priority: classification.priority,
        unavailable: null,
      };
      return { ...result, context, slaDeadline };
    },
    async proposeAndBook(req) {
      const proposal = proposalFor(scenario(req.proposal.number), req.proposal);
      const routing = routeOrder(routingFactsOf(req), proposal, req.thresholds);
      const best = slotToBook(routing, proposal);
      if (!best) return { proposal, routing, booking: null, assigned: false };
      recordOf(req.proposal.number).booking = { technicianId: best.technicianId, slot: best.slot };
      if (req.assigned) apply(req.assigned);
      return { proposal, routing, booking: { ok: true }, assigned: req.assigned !== null };
    },
    async applyChange(change) {
      return apply(change);
    },
    async recordDecision() {},
    async releaseBooking({ number }) {
      recordOf(number).booking = null;
    },
    async proposeAssignment(req) {
      return proposalFor(scenario(req.number), req);
    },
    async bookTechnician({ number, technicianId, slot }) {
      recordOf(number).booking = { technicianId, slot };
      return { ok: true };
    },
    async enrichContext() {
      return { tenantRequestsInWindow: 0, similarInBuilding: 0 };
    },
    async classifyWorkOrder({ number }) {
      const { classification } = scenario(number);
      return { classification, provider: 'fake', cached: false, priority: classification.priority, unavailable: null };
    },
    async findVendors({ number, limit }) {
      const { vendors, budgetCapCents } = scenario(number);
      return { vendors: vendors.slice(0, limit), budgetCapCents };
    },
    async recordVendorOffer() {},
    async recordVendorReply() {},
    async expireVendorOffers() {},
    async awardVendorJob({ vendorId }) {
      return { crewTechnicianId: 900 + vendorId };
    },
    async recordPartsRequest() {},
    async closePartsRequest() {},
    async recordAccessProblem({ attempt }) {
      return { tenantProblems: attempt };
    },
    async openSurvey() {},
    async reviewPhotos({ number }) {
      const complete = scenario(number).photosComplete;
      const issues = complete ? [] : ['no cleanup photo'];
      return { complete, issues, reasoning: complete ? 'every kind is there' : 'a kind is missing', provider: 'fake' };
    },
    async sendSms() {
      const messageId = calls.filter((c) => c.name === 'sendSms').length;
      return { outcome: 'sent', messageId, providerSid: `SMfake${messageId}` };
    },
    async loadCurrentRules() {
      return { version: RULES_VERSION + 1, rules: fallback.rules };
    },
  };

  const failures = new Map<string, number>();
  const recorded = {} as Record<string, (request: unknown) => Promise<unknown>>;
  for (const [name, fake] of Object.entries(fakes) as Array<[ActivityName, (request: unknown) => Promise<unknown>]>) {
    recorded[name] = async (request: unknown) => {
      const number = numberOf(request);
      calls.push({ name, number, request });
      const failed = `${number}/${name}`;
      const count = (failures.get(failed) ?? 0) + 1;
      failures.set(failed, count);
      if (number !== null && count <= (scenario(number).failFirst[name] ?? 0))
        throw ApplicationFailure.create({
          type: FailureType.PermanentDataError,
          message: `${name} refused (injected failure ${count})`,
          nonRetryable: true,
        });
      return fake(request);
    };
  }
  return { activities: recorded as unknown as WorkOrderActivities, calls, records, scenarios };
}

/** The order a request is about, wherever the request names it. */
function numberOf(request: unknown): number | null {
  const r = request as {
    number?: number;
    workOrderNumber?: number;
    input?: { number: number };
    proposal?: { number: number };
  } | null;
  return r?.number ?? r?.workOrderNumber ?? r?.input?.number ?? r?.proposal?.number ?? null;
}

/**
 * One slot per technician per hour, from the next full hour a day ahead (an emergency: the rules' lead time from
 * now), skipping declined slots and anything before `notBefore`; the best and two alternatives.
 */
function proposalFor(
  scenario: Scenario,
  req: {
    classification: { priority: string; estimatedMinutes: number };
    excludedSlots: Array<{ technicianId: number; slot: { start: string } }>;
    notBefore?: string | null;
  },
): AssignmentProposal {
  const emergency = req.classification.priority === 'emergency';
  const from = Math.max(Date.now(), req.notBefore ? Date.parse(req.notBefore) : 0);
  const first = emergency
    ? from + scenario.rules.scheduling.emergencyLeadMinutes * 60_000
    : Math.ceil((from + 24 * HOUR) / HOUR) * HOUR;
  const options: AssignmentOption[] = [];
  for (let hour = 0; options.length < 3 && scenario.technicians.length > 0; hour++) {
    for (const technicianId of scenario.technicians) {
      const start = new Date(first + hour * HOUR).toISOString();
      if (req.excludedSlots.some((x) => x.technicianId === technicianId && x.slot.start === start)) continue;
      const end = new Date(Date.parse(start) + req.classification.estimatedMinutes * 60_000).toISOString();
      const confidence = scenario.proposalConfidence;
      options.push({
        technicianId,
        technicianName: `Technician ${technicianId}`,
        slot: { start, end },
        score: confidence,
        confidence,
        reasoning: 'free, nearby',
      });
    }
  }
  const [best, ...alternatives] = options.slice(0, 3);
  return best ? { best, alternatives } : { best: null, alternatives: [], noFitReason: 'no technician has the skill' };
}
