import { inTransaction } from '../../db/pool';
import { loadPortfolioIndex } from '../../db/queries/portfolio';
import { APPFOLIO_COLUMNS } from '../../domain/appfolio/columns';
import { mapAppfolioRow } from '../../domain/appfolio/mapRow';
import type { Actor } from '../../domain/actor';
import type { CommandDeps } from '../commands/createWorkOrder';
import { currentTimeZone } from '../sms/rulesTimeZone';
import { importOrder, type ImportOptions, type ImportOutcome } from './importOrder';
import type { ExportRow } from './readExport';

export type ImportRowReport = { row: number; appfolioId: string | null } & ImportOutcome;

export interface ImportReport {
  created: number;
  matched: number;
  updated: number;
  unchanged: number;
  skipped: number;
  rows: ImportRowReport[];
}

/**
 * Imports the rows in order, each in its own transaction (a row is written whole or not at all). A failure part-way
 * (Postgres or Temporal down) answers an error with the rows before it imported: importing the file again finishes
 * the job, since every row is idempotent on its AppFolio work order number.
 */
export async function importAppfolioExport(
  deps: CommandDeps,
  rows: ExportRow[],
  actor: Actor,
  options: ImportOptions,
): Promise<ImportReport> {
  const [index, timeZone] = await Promise.all([loadPortfolioIndex(deps.pool), currentTimeZone(deps.pool)]);
  const report: ImportReport = { created: 0, matched: 0, updated: 0, unchanged: 0, skipped: 0, rows: [] };
  const firstRowOf = new Map<string, number>();

  for (const { row, values } of rows) {
    const appfolioId = values.workOrderNumber;
    const first = appfolioId === null ? undefined : firstRowOf.get(appfolioId);
    let outcome: ImportOutcome;
    if (first !== undefined) {
      outcome = {
        outcome: 'skipped',
        reasons: [`duplicate of row ${first} (same ${APPFOLIO_COLUMNS.workOrderNumber})`],
      };
    } else {
      if (appfolioId !== null) firstRowOf.set(appfolioId, row);
      const mapped = mapAppfolioRow(values, index, timeZone);
      outcome = mapped.ok
        ? await inTransaction(deps.pool, (client) => importOrder(client, deps, mapped.order, actor, options))
        : { outcome: 'skipped', reasons: mapped.reasons };
    }
    report[outcome.outcome]++;
    report.rows.push({ row, appfolioId, ...outcome });
  }
  return report;
}
