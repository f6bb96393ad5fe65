import type { PoolClient } from 'pg';
import type { Priority } from '../../domain/priority';

/**
 * Demo equipment and seasonal tasks for the demo buildings, keyed by building name + label/name, and the demo plan
 * `npm start` creates through the API. Installation dates are fixed, so what is due moves with the calendar.
 */

export interface DemoEquipment {
  building: string;
  /** Absent: the building's own. */
  unit?: string;
  kind: string;
  label: string;
  installedOn: string;
  typicalLifeYears: number;
}

export interface DemoSeasonalTask {
  building: string;
  name: string;
  description: string;
  dueMonth: number;
  dueDay: number;
  leadDays: number;
  priority: Priority;
}

export const DEMO_EQUIPMENT: readonly DemoEquipment[] = [
  {
    building: 'Building A',
    kind: 'boiler',
    label: 'Boiler (basement)',
    installedOn: '2007-10-15',
    typicalLifeYears: 20,
  },
  { building: 'Building A', kind: 'roof', label: 'Roof membrane', installedOn: '2004-06-01', typicalLifeYears: 25 },
  {
    building: 'Building A',
    unit: '203',
    kind: 'refrigerator',
    label: 'Refrigerator, unit 203',
    installedOn: '2011-03-01',
    typicalLifeYears: 14,
  },
  {
    building: 'Building B',
    kind: 'water_heater',
    label: 'Water heater',
    installedOn: '2019-05-01',
    typicalLifeYears: 12,
  },
  { building: 'Building B', kind: 'hvac', label: 'Rooftop AC unit', installedOn: '2012-07-01', typicalLifeYears: 15 },
  { building: 'Building C', kind: 'boiler', label: 'Boiler', installedOn: '2016-09-01', typicalLifeYears: 25 },
  {
    building: 'Building C',
    kind: 'elevator',
    label: 'Elevator controller',
    installedOn: '2003-01-01',
    typicalLifeYears: 25,
  },
];

const drainBoilers = (building: string): DemoSeasonalTask => ({
  building,
  name: 'Drain and flush the boiler',
  description: 'Drain the boiler, flush the sediment and test the pressure relief valve before the heating season.',
  dueMonth: 10,
  dueDay: 1,
  leadDays: 30,
  priority: 'medium',
});

const gutters = (building: string): DemoSeasonalTask => ({
  building,
  name: 'Clean gutters and downspouts',
  description: 'Clear the leaves from the gutters and downspouts and check that they drain away from the foundation.',
  dueMonth: 11,
  dueDay: 15,
  leadDays: 21,
  priority: 'low',
});

export const DEMO_SEASONAL_TASKS: readonly DemoSeasonalTask[] = [
  drainBoilers('Building A'),
  drainBoilers('Building C'),
  gutters('Building A'),
  gutters('Building B'),
  gutters('Building C'),
  {
    building: 'Building B',
    name: 'Service the rooftop AC',
    description: 'Replace the filters, clean the coils and check the refrigerant charge before the summer.',
    dueMonth: 5,
    dueDay: 15,
    leadDays: 30,
    priority: 'medium',
  },
  {
    building: 'Building C',
    name: 'Winterize the hose bibs',
    description: 'Shut off and drain the exterior hose bibs before the first freeze.',
    dueMonth: 11,
    dueDay: 1,
    leadDays: 21,
    priority: 'low',
  },
];

/** The body of `POST /schedules` for the demo: the first of every month at 06:00 in Philadelphia. */
export const DEMO_PLAN = {
  id: 'monthly-preventive',
  name: 'Monthly preventive maintenance, all buildings',
  timeZone: 'America/New_York',
  schedule: { calendars: [{ dayOfMonth: 1, hour: 6, comment: '06:00 on the first of the month' }] },
  rules: {
    equipment: { lifeShare: 0.8, every: 'year' },
    seasonal: { graceDays: 7 },
    patterns: [
      {
        name: 'kitchen-sink-leak',
        title: 'Recurring kitchen sink leaks (old risers?)',
        terms: ['sink|fregadero', 'leak|gotera|fuga'],
        count: 3,
        windowDays: 365,
      },
      {
        name: 'ceiling-leak',
        title: 'Recurring ceiling leaks',
        terms: ['ceiling|techo', 'leak|drip|gotera|fuga'],
        count: 3,
        windowDays: 365,
      },
    ],
  },
} as const;

export async function insertDemoEquipment(client: PoolClient): Promise<number> {
  const result = await client.query(
    `INSERT INTO equipment (building_id, unit_id, kind, label, installed_on, typical_life_years)
     SELECT b.id, u.id, x.kind, x.label, x."installedOn"::date, x."typicalLifeYears"
       FROM jsonb_to_recordset($1::jsonb) AS x(building text, unit text, kind text, label text, "installedOn" text, "typicalLifeYears" numeric)
       JOIN buildings b ON b.name = x.building LEFT JOIN units u ON u.building_id = b.id AND u.label = x.unit
     ON CONFLICT (building_id, label) DO NOTHING`,
    [JSON.stringify(DEMO_EQUIPMENT)],
  );
  return result.rowCount ?? 0;
}

export async function insertDemoSeasonalTasks(client: PoolClient): Promise<number> {
  const result = await client.query(
    `INSERT INTO seasonal_tasks (building_id, name, description, due_month, due_day, lead_days, priority)
     SELECT b.id, x.name, x.description, x."dueMonth", x."dueDay", x."leadDays", x.priority
       FROM jsonb_to_recordset($1::jsonb) AS x(building text, name text, description text, "dueMonth" int, "dueDay" int, "leadDays" int, priority text)
       JOIN buildings b ON b.name = x.building
     ON CONFLICT (building_id, name) DO NOTHING`,
    [JSON.stringify(DEMO_SEASONAL_TASKS)],
  );
  return result.rowCount ?? 0;
}
