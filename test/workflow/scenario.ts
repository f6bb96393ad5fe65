/**
 * What the fake activities answer for one order (./fakeActivities): its rules, its classification, who the proposal
 * offers, the vendors, the photo review, and which steps fail. Every duration is short or long on purpose: a wait a
 * test runs out is a second or two, a wait it ends itself is a minute.
 */
import type { VendorCandidate } from '../../activities/vendors';
import type { Actor } from '../../domain/actor';
import type { Classification } from '../../domain/classification';
import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import type { WorkOrderInput } from '../../domain/workOrderContract';

export interface Scenario {
  rules: Rules;
  classification: Classification;
  /** Technicians the proposal offers, best first (one slot each per hour); none: nobody internal fits. */
  technicians: number[];
  /** The proposal's confidence in its slots. */
  proposalConfidence: number;
  /** Approved vendors with the skill, for a job no technician fits. */
  vendors: VendorCandidate[];
  budgetCapCents: number;
  photosComplete: boolean;
  /** Activities that throw a non-retryable ApplicationFailure on their first `n` calls for this order. */
  failFirst: Partial<Record<string, number>>;
}

export type ScenarioChanges = Partial<Omit<Scenario, 'classification'>> & {
  classification?: Partial<Classification>;
  durations?: Partial<Rules['durations']>;
};

/** DEFAULT_RULES with waits a test either runs out in seconds or never reaches (as test/support/system.ts testRules). */
export function fastRules(durations: Partial<Rules['durations']> = {}): Rules {
  return {
    ...DEFAULT_RULES,
    durations: {
      ...DEFAULT_RULES.durations,
      confirmationWaitSeconds: 60,
      // At or past the wait: no reminder part-way through.
      confirmationReminderSeconds: 3600,
      reviewWaitSeconds: 60,
      accessReplyWaitSeconds: 60,
      accessEscalationStepSeconds: 60,
      ...durations,
    },
    vendors: { mode: 'broadcast', offerCount: 3, responseWindowSeconds: 60 },
  };
}

export const LEAK: Classification = {
  priority: 'medium',
  skillsRequired: ['plumbing'],
  estimatedMinutes: 60,
  confidence: 0.95,
  reasoning: 'a leak under the sink: a plumber, not urgent',
  warnings: [],
  safety: false,
};

export function scenarioOf(changes: ScenarioChanges = {}): Scenario {
  const { classification, durations, ...rest } = changes;
  return {
    rules: fastRules(durations),
    technicians: [7, 8],
    proposalConfidence: 0.9,
    vendors: [],
    budgetCapCents: 50_000,
    photosComplete: true,
    failFirst: {},
    ...rest,
    classification: { ...LEAK, ...classification },
  };
}

export const TENANT_ID = 501;
export const COORDINATOR: Actor = { type: 'coordinator', id: 'coordinator-1' };

export function orderInput(number: number, changes: Partial<WorkOrderInput> = {}): WorkOrderInput {
  return {
    number,
    buildingId: 11,
    unitId: 301,
    tenantId: TENANT_ID,
    description: 'The kitchen sink leaks under the cabinet',
    source: 'api',
    requestedPriority: null,
    createdBy: COORDINATOR,
    ...changes,
  };
}
