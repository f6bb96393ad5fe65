import fc from 'fast-check';
import type { AssignmentProposal } from '../../domain/assignment';
import { routeOrder, slotToBook, type OrderRoutingFacts } from '../../domain/orderRouting';
import { DEFAULT_RULES } from '../../domain/rules';
import { route } from '../../domain/rulesEngine';
import { whyVendors } from '../../domain/vendorReason';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const HOUR = 3_600_000;

const arbitraryFacts: fc.Arbitrary<OrderRoutingFacts> = fc.record({
  classificationConfidence: fc.double({ min: 0, max: 1, noNaN: true }),
  safety: fc.boolean(),
  slaDeadline: fc.option(
    fc.integer({ min: 1, max: 48 }).map((h) => new Date(NOW + h * HOUR).toISOString()),
    { nil: null },
  ),
  priority: fc.constantFrom('emergency', 'high', 'medium', 'low'),
  classifierUnavailable: fc.option(fc.constant('the classifier was unavailable'), { nil: null }),
});

const arbitraryProposal: fc.Arbitrary<AssignmentProposal> = fc.oneof(
  fc.constant<AssignmentProposal>({
    best: null,
    alternatives: [],
    noFitReason: 'every technician with plumbing is fully booked',
  }),
  fc
    .record({ confidence: fc.double({ min: 0, max: 0.98, noNaN: true }), hours: fc.integer({ min: 1, max: 96 }) })
    .map(({ confidence, hours }) => {
      const start = new Date(NOW + hours * HOUR).toISOString();
      const end = new Date(NOW + (hours + 2) * HOUR).toISOString();
      return {
        best: { technicianId: 1, technicianName: 'Ana', slot: { start, end }, score: 0.8, confidence, reasoning: '' },
        alternatives: [],
      } as unknown as AssignmentProposal;
    }),
);

test('an order no technician can take in time is offered to vendors: in review, with why, and never booked', () => {
  fc.assert(
    fc.property(arbitraryFacts, arbitraryProposal, (facts, proposal) => {
      const routing = routeOrder(facts, proposal, DEFAULT_RULES.thresholds);
      const vendorReason = whyVendors(facts, proposal);
      expect(routing.reasons.length).toBeGreaterThan(0);
      if (vendorReason) {
        expect(routing.outcome).toBe('review');
        expect(routing.reasons.at(-1)).toBe(`offered to approved vendors (${vendorReason})`);
      }
      const booked = slotToBook(routing, proposal);
      expect(booked !== null).toBe(
        proposal.best !== null && vendorReason === null && routing.outcome === 'auto_assign',
      );
      if (facts.classifierUnavailable) expect(booked).toBeNull();
    }),
    { numRuns: 2_000 },
  );
});

test("otherwise the rules engine's outcome stands, and an unavailable classifier turns a booking into a review", () => {
  fc.assert(
    fc.property(arbitraryFacts, arbitraryProposal, (facts, proposal) => {
      fc.pre(whyVendors(facts, proposal) === null);
      const engine = route(
        { ...facts, proposalConfidence: proposal.best?.confidence ?? null },
        DEFAULT_RULES.thresholds,
      );
      const routing = routeOrder(facts, proposal, DEFAULT_RULES.thresholds);
      if (facts.classifierUnavailable && engine.outcome === 'auto_assign')
        expect(routing).toEqual({
          outcome: 'review',
          confidence: engine.confidence,
          reasons: [...engine.reasons, facts.classifierUnavailable],
        });
      else expect(routing).toEqual(engine);
    }),
    { numRuns: 2_000 },
  );
});
