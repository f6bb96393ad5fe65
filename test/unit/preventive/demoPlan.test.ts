import { createScheduleBody } from '../../../api/schedules/scheduleBody';
import { DEMO_BUILDINGS, DEMO_HISTORY, DEMO_UNITS } from '../../../db/seed/demoData';
import { DEMO_EQUIPMENT, DEMO_PLAN, DEMO_SEASONAL_TASKS } from '../../../db/seed/preventiveDemo';
import { dueItems } from '../../../domain/preventive/dueItems';

describe('demo preventive data', () => {
  test('equipment and seasonal tasks are in demo buildings and units, with distinct natural keys', () => {
    const buildings = new Set(DEMO_BUILDINGS.map((b) => b.name));
    const units = new Set(DEMO_UNITS.map((u) => `${u.building} - ${u.label}`));
    for (const e of DEMO_EQUIPMENT) {
      expect(buildings).toContain(e.building);
      if (e.unit) expect(units).toContain(`${e.building} - ${e.unit}`);
    }
    for (const t of DEMO_SEASONAL_TASKS) expect(buildings).toContain(t.building);
    expect(new Set(DEMO_EQUIPMENT.map((e) => `${e.building}/${e.label}`)).size).toBe(DEMO_EQUIPMENT.length);
    expect(new Set(DEMO_SEASONAL_TASKS.map((t) => `${t.building}/${t.name}`)).size).toBe(DEMO_SEASONAL_TASKS.length);
  });

  test('the demo plan is a valid POST /schedules body, and the demo history has a recurring kitchen-sink leak for it to find', () => {
    const plan = createScheduleBody.parse(DEMO_PLAN);
    const buildingIds = new Map(DEMO_BUILDINGS.map((b, i) => [b.name, i + 1]));
    const asOf = new Date('2026-06-01T12:00:00Z');
    const patternCandidates = DEMO_HISTORY.map((o, i) => ({
      number: 1001 + i,
      buildingId: buildingIds.get(o.building)!,
      description: o.description,
      createdAt: new Date(asOf.getTime() - o.daysAgo * 86_400_000),
    }));
    const items = dueItems(
      plan.id,
      { patterns: plan.rules.patterns },
      { equipment: [], seasonalTasks: [], patternCandidates, coveredByPattern: new Map() },
      asOf,
      { year: 2026, month: 6, day: 1 },
    );
    expect(items.map((i) => [i.details.pattern, i.buildingId])).toEqual([
      ['kitchen-sink-leak', buildingIds.get('Building A')],
    ]);
  });
});
