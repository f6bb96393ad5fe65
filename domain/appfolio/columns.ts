/**
 * The columns of AppFolio's work order report that the import reads, by their labels in the CSV export. The JSON
 * of the Reports API names the same columns in snake case (`work_order_number`); both are matched through
 * `columnKey`. Every other column of the report is ignored. "Assigned User" is not in the default report: add it
 * to name the internal technician of an order.
 */
export const APPFOLIO_COLUMNS = {
  workOrderNumber: 'Work Order Number',
  propertyName: 'Property Name',
  /** "Building A - 2100 Spring Garden St ...": the name, a dash, the address. */
  property: 'Property',
  unit: 'Unit',
  jobDescription: 'Job Description',
  /** The resident's own words; used when the job description is empty. */
  serviceRequestDescription: 'Service Request Description',
  status: 'Status',
  priority: 'Priority',
  vendor: 'Vendor',
  vendorId: 'Vendor ID',
  assignedUser: 'Assigned User',
  primaryResident: 'Primary Resident',
  workOrderType: 'Work Order Type',
  createdAt: 'Created At',
  scheduledStart: 'Scheduled Start',
  scheduledEnd: 'Scheduled End',
  workDoneOn: 'Work Done On',
  completedOn: 'Completed On',
  canceledOn: 'Canceled On',
  amount: 'Amount',
  serviceRequestNumber: 'Service Request Number',
} as const;

export type AppfolioField = keyof typeof APPFOLIO_COLUMNS;

/** One row of the export: each column we read, trimmed, null when empty or absent. */
export type AppfolioRow = Record<AppfolioField, string | null>;

export const MAX_IMPORT_ROWS = 2000;

/** "Work Order Number", "work_order_number" and "Work order number" are the same column. */
export function columnKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const FIELD_BY_KEY = new Map<string, AppfolioField>(
  (Object.entries(APPFOLIO_COLUMNS) as Array<[AppfolioField, string]>).map(([field, label]) => [
    columnKey(label),
    field,
  ]),
);

export function fieldOfColumn(name: string): AppfolioField | undefined {
  return FIELD_BY_KEY.get(columnKey(name));
}

/** Columns an export must have for its rows to mean anything; absent, the whole import is refused. */
export function missingColumns(fields: ReadonlySet<AppfolioField>): string[] {
  const missing: string[] = [];
  for (const field of ['workOrderNumber', 'status', 'jobDescription', 'unit'] as const) {
    if (!fields.has(field)) missing.push(APPFOLIO_COLUMNS[field]);
  }
  if (!fields.has('propertyName') && !fields.has('property'))
    missing.push(`${APPFOLIO_COLUMNS.propertyName} (or ${APPFOLIO_COLUMNS.property})`);
  return missing;
}

export function toAppfolioRow(values: ReadonlyMap<AppfolioField, string | number | null>): AppfolioRow {
  const row = {} as AppfolioRow;
  for (const field of Object.keys(APPFOLIO_COLUMNS) as AppfolioField[]) {
    const value = values.get(field);
    const text = value === undefined || value === null ? '' : String(value).trim();
    row[field] = text === '' ? null : text;
  }
  return row;
}

/**
 * AppFolio's report groups rows under a line per property ("-> Building A - ...") and ends with a "Total" line;
 * those, and blank lines, have no number, description, status or unit: they are not work orders.
 */
export function isReportLine(row: AppfolioRow): boolean {
  return (
    row.workOrderNumber === null &&
    row.jobDescription === null &&
    row.serviceRequestDescription === null &&
    row.status === null &&
    row.unit === null
  );
}
