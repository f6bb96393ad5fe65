import { diffFacts } from '../../domain/appfolio/changes';
import {
  columnKey,
  fieldOfColumn,
  isReportLine,
  missingColumns,
  toAppfolioRow,
  type AppfolioField,
  type AppfolioRow,
} from '../../domain/appfolio/columns';
import { mapAppfolioRow, type MappedOrder } from '../../domain/appfolio/mapRow';
import { appfolioPriority, appfolioStatus } from '../../domain/appfolio/names';
import type { PortfolioIndex } from '../../domain/appfolio/portfolio';
import { appfolioAmountCents, appfolioDateToInstant, normalizeAppfolioDate } from '../../domain/appfolio/values';

const TZ = 'America/New_York';

const INDEX: PortfolioIndex = {
  buildings: [
    {
      id: 1,
      name: 'Building A',
      units: [
        { id: 11, label: '101', tenant: { id: 101, name: 'Dana Whitfield' } },
        { id: 12, label: '102', tenant: null },
      ],
    },
    { id: 2, name: 'Building B', units: [{ id: 21, label: '101', tenant: { id: 201, name: 'Luis Herrera' } }] },
  ],
  vendors: [
    { id: 1, name: 'Keystone Plumbing & Roofing', approved: true },
    { id: 3, name: 'QuickFix Handyman Services', approved: false },
  ],
  technicians: [
    { id: 1, name: 'Ray Delgado', vendorId: null },
    { id: 4, name: 'Keystone Crew', vendorId: 1 },
  ],
};

function row(values: Partial<Record<AppfolioField, string | number | null>>): AppfolioRow {
  return toAppfolioRow(new Map(Object.entries(values) as Array<[AppfolioField, string | number | null]>));
}

const base = {
  workOrderNumber: '5012-1',
  propertyName: 'Building A',
  unit: '101',
  jobDescription: 'Kitchen faucet drips',
  status: 'New',
  priority: 'Normal',
};

function mapped(values: Partial<Record<AppfolioField, string | number | null>>): MappedOrder {
  const result = mapAppfolioRow(row({ ...base, ...values }), INDEX, TZ);
  if (!result.ok) throw new Error(`not mapped: ${result.reasons.join('; ')}`);
  return result.order;
}

function reasons(values: Partial<Record<AppfolioField, string | number | null>>): string[] {
  const result = mapAppfolioRow(row({ ...base, ...values }), INDEX, TZ);
  if (result.ok) throw new Error('mapped, expected reasons');
  return result.reasons;
}

describe('AppFolio names', () => {
  test.each([
    ['New', { kind: 'open' }],
    ['Estimate Requested', { kind: 'open' }],
    ['Estimated', { kind: 'open' }],
    ['Assigned', { kind: 'open' }],
    ['Assigned by AppFolio', { kind: 'open' }],
    ['Scheduled', { kind: 'open' }],
    ['Waiting', { kind: 'open' }],
    ['Work Done', { kind: 'closed', status: 'completed' }],
    ['Work Completed', { kind: 'closed', status: 'completed' }],
    ['Ready to Bill', { kind: 'closed', status: 'completed' }],
    ['Completed', { kind: 'closed', status: 'completed' }],
    ['Completed No Need To Bill', { kind: 'closed', status: 'completed' }],
    ['Canceled', { kind: 'closed', status: 'cancelled' }],
    ['  SCHEDULED ', { kind: 'open' }],
    ['completed  no need to bill', { kind: 'closed', status: 'completed' }],
  ])('status %j', (name, disposition) => {
    expect(appfolioStatus(name)).toEqual(disposition);
  });

  test.each(['On Hold', 'In Progress', 'Cancelled', 'Closed', 'Open', 'constructor', 'toString', ''])(
    'status %j is unknown, not guessed',
    (name) => {
      expect(appfolioStatus(name)).toBeNull();
    },
  );

  test('priorities: Emergency, Urgent, Normal, Low; nothing else', () => {
    expect(['Emergency', 'urgent', ' NORMAL ', 'Low'].map(appfolioPriority)).toEqual([
      'emergency',
      'high',
      'medium',
      'low',
    ]);
    expect(['High', 'ASAP', 'Medium', '__proto__'].map(appfolioPriority)).toEqual([null, null, null, null]);
  });
});

describe('columns', () => {
  test('CSV labels and the Reports API snake case name the same column; unknown columns are ignored', () => {
    expect(columnKey(' Work Order Number ')).toBe('work_order_number');
    expect(fieldOfColumn('Work Order Number')).toBe('workOrderNumber');
    expect(fieldOfColumn('work_order_number')).toBe('workOrderNumber');
    expect(fieldOfColumn('Property Name')).toBe('propertyName');
    expect(fieldOfColumn('Property')).toBe('property');
    expect(fieldOfColumn('Home Warranty Expiration')).toBeUndefined();
  });

  test('an export needs the number, status, description, unit and a property column', () => {
    expect(
      missingColumns(new Set<AppfolioField>(['workOrderNumber', 'status', 'jobDescription', 'unit', 'property'])),
    ).toEqual([]);
    expect(missingColumns(new Set<AppfolioField>(['workOrderNumber', 'jobDescription']))).toEqual([
      'Status',
      'Unit',
      'Property Name (or Property)',
    ]);
  });

  test('values are trimmed, empty is null, numbers become text', () => {
    const r = row({ workOrderNumber: ' 77-1 ', unit: '', amount: 125.5 });
    expect([r.workOrderNumber, r.unit, r.amount, r.vendor]).toEqual(['77-1', null, '125.5', null]);
  });

  test("the report's property headings, its Total line and blank lines are not work orders", () => {
    expect(isReportLine(row({ property: '-> Building A - 2100 Spring Garden St' }))).toBe(true);
    expect(isReportLine(row({ property: 'Total', amount: '1,250.00' }))).toBe(true);
    expect(isReportLine(row({}))).toBe(true);
    expect(isReportLine(row({ jobDescription: 'a leak' }))).toBe(false);
  });
});

describe('values', () => {
  test.each([
    ['01/19/2026', '2026-01-19'],
    ['1/9/2026', '2026-01-09'],
    ['01/22/2026 9:30 AM', '2026-01-22T09:30'],
    ['01/22/2026 12:05 am', '2026-01-22T00:05'],
    ['01/22/2026 12:05 PM', '2026-01-22T12:05'],
    ['01/22/2026 14:00', '2026-01-22T14:00'],
    ['2026-01-19', '2026-01-19'],
    ['2026-01-19T08:15:00', '2026-01-19T08:15'],
    ['2026-01-19T08:15:00Z', '2026-01-19T08:15:00.000Z'],
    ['2026-01-19T08:15:00-05:00', '2026-01-19T13:15:00.000Z'],
  ])('date %j is %j', (text, normalized) => {
    expect(normalizeAppfolioDate(text)).toBe(normalized);
  });

  test.each(['13/45/2025', '02/30/2026', '01/19/26', 'yesterday', '01/22/2026 13:00 PM', '2026-13-01'])(
    '%j is not a date',
    (text) => {
      expect(normalizeAppfolioDate(text)).toBeNull();
    },
  );

  test("a wall-clock date is read in the rules' time zone, across DST", () => {
    expect(appfolioDateToInstant('2026-01-19', TZ).toISOString()).toBe('2026-01-19T05:00:00.000Z');
    expect(appfolioDateToInstant('2026-07-01T09:30', TZ).toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(appfolioDateToInstant('2026-01-19T08:15:00.000Z', TZ).toISOString()).toBe('2026-01-19T08:15:00.000Z');
  });

  test.each([
    ['0.00', 0],
    ['125.5', 12550],
    ['$1,234.56', 123456],
    ['$ 80', 8000],
  ])('amount %j is %i cents', (text, cents) => {
    expect(appfolioAmountCents(text)).toBe(cents);
  });

  test.each(['TBD', '-50.00', '(50.00)', '1.234', '12,34', '99999999999'])('%j is not an amount', (text) => {
    expect(appfolioAmountCents(text)).toBeNull();
  });
});

describe('mapping a row', () => {
  test('an open order: its unit, the mapped priority, no closing date', () => {
    const order = mapped({
      status: 'Assigned',
      priority: 'Urgent',
      vendor: 'keystone plumbing  & roofing',
      createdAt: '01/19/2026',
    });
    expect(order).toMatchObject({
      appfolioId: '5012-1',
      disposition: { kind: 'open' },
      priority: 'high',
      buildingId: 1,
      unitId: 11,
      vendorId: 1,
      technicianId: null,
      description: 'Kitchen faucet drips',
      completedAt: null,
      vendorCostCents: null,
    });
    expect(order.createdAt?.toISOString()).toBe('2026-01-19T05:00:00.000Z');
    expect(order.facts.status).toBe('Assigned');
  });

  test('a completed vendor job: completed when done, the amount is the vendor cost, the resident matched to the tenant on file', () => {
    const order = mapped({
      status: 'Completed No Need To Bill',
      vendor: 'Keystone Plumbing & Roofing',
      amount: '$1,250.00',
      workDoneOn: '01/20/2026',
      completedOn: '01/21/2026',
      primaryResident: 'dana whitfield',
    });
    expect(order).toMatchObject({
      disposition: { kind: 'closed', status: 'completed' },
      vendorCostCents: 125000,
      residentTenantId: 101,
    });
    expect(order.completedAt?.toISOString()).toBe('2026-01-21T05:00:00.000Z');
    expect(mapped({ status: 'Work Done', workDoneOn: '01/20/2026' }).completedAt?.toISOString()).toBe(
      '2026-01-20T05:00:00.000Z',
    );
  });

  test('a cancelled order has no completion time (as when cancelled here); an internal job has no vendor cost', () => {
    const order = mapped({
      status: 'Canceled',
      completedOn: '01/21/2026',
      assignedUser: 'Ray Delgado',
      amount: '90.00',
    });
    expect(order).toMatchObject({
      disposition: { kind: 'closed', status: 'cancelled' },
      completedAt: null,
      technicianId: 1,
      vendorCostCents: null,
      residentTenantId: null,
    });
    expect(order.facts.amount).toBe('90.00');
  });

  test('the property by "Property" (name - address), units written "Unit 101" or "#101", the description from the service request', () => {
    const order = mapped({
      propertyName: null,
      property: 'Building B - 1214 S 9th St Philadelphia, PA 19147',
      unit: 'Unit 101',
      jobDescription: null,
      serviceRequestDescription: 'La estufa no prende\r\ndesde ayer',
    });
    expect(order).toMatchObject({ buildingId: 2, unitId: 21, description: 'La estufa no prende\ndesde ayer' });
    expect(mapped({ unit: '#102' }).unitId).toBe(12);
    expect(mapped({ priority: null }).priority).toBeNull();
  });

  test('every problem of a row is reported, in words an AppFolio user knows', () => {
    expect(
      reasons({
        workOrderNumber: null,
        status: 'On Hold',
        priority: 'ASAP',
        propertyName: 'Willow Court',
        vendor: 'Acme Rooter',
        assignedUser: 'Jordan Mills',
        createdAt: '13/45/2025',
        amount: 'TBD',
      }),
    ).toEqual([
      'Created At "13/45/2025" is not a date (MM/DD/YYYY)',
      'Amount "TBD" is not an amount',
      'no Work Order Number',
      'unknown AppFolio status "On Hold"',
      'unknown AppFolio priority "ASAP"',
      'property "Willow Court" is not one of our buildings',
      'vendor "Acme Rooter" is not one of our vendors',
      'Assigned User "Jordan Mills" is not one of our technicians',
    ]);
  });

  test.each([
    [{ status: null }, 'no Status'],
    [{ propertyName: null }, 'no Property Name'],
    [{ unit: null }, 'no Unit (orders for a whole property are not imported)'],
    [{ unit: '9Z' }, 'unit "9Z" is not in Building A'],
    [{ jobDescription: null }, 'no Job Description'],
    [{ jobDescription: 'x'.repeat(4001) }, 'Job Description is longer than 4000 characters'],
    [
      { jobDescription: 'Kitchen\u0000 faucet drips' },
      'Job Description contains U+0000 (NUL) at position 8: remove it',
    ],
    [{ serviceRequestNumber: `SR-1${'0'.repeat(1000)}` }, 'Service Request Number is longer than 1000 characters'],
    [{ vendor: 'QuickFix Handyman Services' }, 'vendor "QuickFix Handyman Services" is not approved'],
    [
      { assignedUser: 'Keystone Crew' },
      'Assigned User "Keystone Crew" is a vendor\'s crew, not an internal technician',
    ],
    [{ status: 'Cancelled' }, 'unknown AppFolio status "Cancelled"'],
  ])('%j is skipped: %s', (values, reason) => {
    expect(reasons(values)).toEqual([reason]);
  });

  test('facts are what AppFolio said, normalized so CSV and JSON of the same export compare equal', () => {
    const fromCsv = mapped({ createdAt: '01/19/2026', amount: '125.50', jobDescription: 'line one\r\nline two' }).facts;
    const fromJson = mapped({ createdAt: '2026-01-19', amount: 125.5, jobDescription: 'line one\nline two' }).facts;
    expect(diffFacts(fromCsv, fromJson)).toEqual([]);
    expect(diffFacts(fromCsv, { ...fromCsv, status: 'Completed', amount: null })).toEqual([
      { field: 'Status', from: 'New', to: 'Completed' },
      { field: 'Amount', from: '125.50', to: null },
    ]);
    expect(diffFacts(null, fromCsv).map((c) => c.field)).toEqual(
      expect.arrayContaining(['Work Order Number', 'Status']),
    );
  });
});
