import { MAX_DESCRIPTION_LENGTH } from '../description';
import type { Priority } from '../priority';
import { textProblem } from '../text';
import { APPFOLIO_COLUMNS, type AppfolioField, type AppfolioRow } from './columns';
import { appfolioPriority, appfolioStatus, type AppfolioDisposition } from './names';
import { findBuilding, findTechnician, findUnit, findVendor, nameKey, type PortfolioIndex } from './portfolio';
import { appfolioAmountCents, appfolioDateToInstant, normalizeAppfolioDate } from './values';

/**
 * What AppFolio said about an order, normalized (dates as written, amounts as "12.50", line breaks as \n): kept as
 * `metadata.appfolio` and compared on the next import, so the same export read again, as CSV or JSON, is unchanged.
 */
export type AppfolioFacts = Record<AppfolioField, string | null>;

export interface MappedOrder {
  appfolioId: string;
  facts: AppfolioFacts;
  disposition: AppfolioDisposition;
  priority: Priority | null;
  buildingId: number;
  unitId: number;
  /** The unit's tenant on file, when AppFolio's primary resident is that tenant. */
  residentTenantId: number | null;
  vendorId: number | null;
  technicianId: number | null;
  description: string;
  createdAt: Date | null;
  /** When a completed order was done; null for a cancelled one, as for orders cancelled here. */
  completedAt: Date | null;
  /** The amount, for a closed order a vendor did: what the vendor cost us. */
  vendorCostCents: number | null;
}

export type MappingResult = { ok: true; order: MappedOrder } | { ok: false; reasons: string[] };

const DATE_FIELDS = [
  'createdAt',
  'scheduledStart',
  'scheduledEnd',
  'workDoneOn',
  'completedOn',
  'canceledOn',
] as const satisfies readonly AppfolioField[];
const DESCRIPTION_FIELDS = ['jobDescription', 'serviceRequestDescription'] as const satisfies readonly AppfolioField[];
/** Any other column we read is a name, a number, a date or an amount: longer than this, it is not one. */
const MAX_CELL_LENGTH = 1000;

function normalizeFacts(row: AppfolioRow, reasons: string[]): AppfolioFacts {
  const facts: AppfolioFacts = { ...row };
  for (const field of DESCRIPTION_FIELDS) facts[field] = row[field]?.replace(/\r\n?/g, '\n') ?? null;
  for (const field of DATE_FIELDS) {
    const text = row[field];
    if (text === null) continue;
    facts[field] = normalizeAppfolioDate(text);
    if (facts[field] === null) reasons.push(`${APPFOLIO_COLUMNS[field]} "${text}" is not a date (MM/DD/YYYY)`);
  }
  if (row.amount !== null) {
    const cents = appfolioAmountCents(row.amount);
    if (cents === null) reasons.push(`${APPFOLIO_COLUMNS.amount} "${row.amount}" is not an amount`);
    facts.amount = cents === null ? null : (cents / 100).toFixed(2);
  }
  return facts;
}

/** Cells with characters no text here may hold (see domain/text.ts), or longer than their column can be. */
function checkCells(row: AppfolioRow, facts: AppfolioFacts, reasons: string[]): void {
  for (const field of Object.keys(row) as AppfolioField[]) {
    const isDescription = (DESCRIPTION_FIELDS as readonly AppfolioField[]).includes(field);
    // A description as it would be stored (line breaks as \n), any other cell as written.
    const value = isDescription ? facts[field] : row[field];
    if (value === null) continue;
    const limit = isDescription ? MAX_DESCRIPTION_LENGTH : MAX_CELL_LENGTH;
    const problem = textProblem(value);
    if (problem) reasons.push(`${APPFOLIO_COLUMNS[field]} ${problem}`);
    else if (value.length > limit) reasons.push(`${APPFOLIO_COLUMNS[field]} is longer than ${limit} characters`);
  }
}

/** One export row against our names and portfolio: what to store, or every reason it can't be imported. */
export function mapAppfolioRow(row: AppfolioRow, index: PortfolioIndex, timeZone: string): MappingResult {
  const reasons: string[] = [];
  const facts = normalizeFacts(row, reasons);
  checkCells(row, facts, reasons);
  if (row.workOrderNumber === null) reasons.push(`no ${APPFOLIO_COLUMNS.workOrderNumber}`);

  const disposition = row.status === null ? null : appfolioStatus(row.status);
  if (row.status === null) reasons.push(`no ${APPFOLIO_COLUMNS.status}`);
  else if (!disposition) reasons.push(`unknown AppFolio status "${row.status}"`);

  const priority = row.priority === null ? null : appfolioPriority(row.priority);
  if (row.priority !== null && !priority) reasons.push(`unknown AppFolio priority "${row.priority}"`);

  const building = findBuilding(index, row.propertyName, row.property);
  const propertyText = row.propertyName ?? row.property;
  if (propertyText === null) reasons.push(`no ${APPFOLIO_COLUMNS.propertyName}`);
  else if (!building) reasons.push(`property "${propertyText}" is not one of our buildings`);

  const unit = building && row.unit !== null ? findUnit(building, row.unit) : null;
  if (row.unit === null) reasons.push(`no ${APPFOLIO_COLUMNS.unit} (orders for a whole property are not imported)`);
  else if (building && !unit) reasons.push(`unit "${row.unit}" is not in ${building.name}`);

  const description = (facts.jobDescription ?? facts.serviceRequestDescription)?.trim() ?? '';
  if (description === '') reasons.push(`no ${APPFOLIO_COLUMNS.jobDescription}`);

  const vendor = row.vendor === null ? null : findVendor(index, row.vendor);
  if (row.vendor !== null && !vendor) reasons.push(`vendor "${row.vendor}" is not one of our vendors`);
  else if (vendor && !vendor.approved) reasons.push(`vendor "${row.vendor}" is not approved`);

  const technician = row.assignedUser === null ? null : findTechnician(index, row.assignedUser);
  if (row.assignedUser !== null && !technician)
    reasons.push(`${APPFOLIO_COLUMNS.assignedUser} "${row.assignedUser}" is not one of our technicians`);
  else if (technician && technician.vendorId !== null)
    reasons.push(
      `${APPFOLIO_COLUMNS.assignedUser} "${row.assignedUser}" is a vendor's crew, not an internal technician`,
    );

  if (reasons.length > 0 || !disposition || !building || !unit) return { ok: false, reasons };

  const instant = (value: string | null) => (value === null ? null : appfolioDateToInstant(value, timeZone));
  const closedAmount =
    disposition.kind === 'closed' && vendor && facts.amount !== null ? Math.round(Number(facts.amount) * 100) : null;
  return {
    ok: true,
    order: {
      appfolioId: row.workOrderNumber!,
      facts,
      disposition,
      priority,
      buildingId: building.id,
      unitId: unit.id,
      residentTenantId:
        unit.tenant && row.primaryResident !== null && nameKey(unit.tenant.name) === nameKey(row.primaryResident)
          ? unit.tenant.id
          : null,
      vendorId: vendor?.id ?? null,
      technicianId: technician?.id ?? null,
      description,
      createdAt: instant(facts.createdAt),
      completedAt:
        disposition.kind === 'closed' && disposition.status === 'completed'
          ? instant(facts.completedOn ?? facts.workDoneOn)
          : null,
      vendorCostCents: closedAmount,
    },
  };
}
