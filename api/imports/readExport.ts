import { z } from 'zod';
import {
  fieldOfColumn,
  isReportLine,
  MAX_IMPORT_ROWS,
  missingColumns,
  toAppfolioRow,
  type AppfolioField,
  type AppfolioRow,
} from '../../domain/appfolio/columns';
import { CsvSyntaxError, parseCsv } from '../../domain/csv';
import { badRequest, zodIssues, type FieldIssue } from '../errors';

export interface ExportRow {
  /** Where the row is in what was sent: its spreadsheet row in a CSV (the header is row 1), its index in JSON. */
  row: number;
  values: AppfolioRow;
}

export type ExportFormat = 'csv' | 'json';

const cell = z.union([z.string(), z.number(), z.null()], { error: 'a text, a number or null' });
const rows = z
  .array(z.record(z.string(), cell))
  .min(1, 'the export has no work orders')
  .max(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS} work orders per import`);
/** Our shape, or the Reports API's answer as it comes (`next_page_url` and the like are ignored). */
export const ourJson = z.object({ rows });
export const reportsApiJson = z.object({ results: rows });

function refuse(issues: FieldIssue[]): never {
  throw badRequest('the export is not valid', issues);
}

function checkColumns(present: ReadonlySet<AppfolioField>, issues: FieldIssue[]): void {
  const missing = missingColumns(present);
  if (missing.length > 0)
    issues.push({
      path: 'body.columns',
      message: `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    });
}

function keepWorkOrders(found: ExportRow[], issues: FieldIssue[], path: string): ExportRow[] {
  const orders = found.filter((r) => !isReportLine(r.values));
  if (orders.length === 0) issues.push({ path, message: 'the export has no work orders' });
  if (orders.length > MAX_IMPORT_ROWS)
    issues.push({ path, message: `at most ${MAX_IMPORT_ROWS} work orders per import` });
  if (issues.length > 0) refuse(issues);
  return orders;
}

function readCsv(text: string): ExportRow[] {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) refuse([{ path: 'body', message: err.message }]);
    throw err;
  }
  const header = records[0];
  if (!header || header.every((h) => h.trim() === ''))
    refuse([{ path: 'body', message: 'the first line must be the header of the work order report' }]);

  const issues: FieldIssue[] = [];
  const fields = header.map(fieldOfColumn);
  const present = new Set<AppfolioField>();
  fields.forEach((field, i) => {
    if (!field) return;
    if (present.has(field))
      issues.push({ path: `body.columns.${header[i]!.trim()}`, message: 'this column appears twice' });
    present.add(field);
  });
  checkColumns(present, issues);

  const found: ExportRow[] = [];
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (record.slice(header.length).some((extra) => extra.trim() !== ''))
      issues.push({ path: `body.rows.${row}`, message: `${record.length} fields, the header has ${header.length}` });
    const values = new Map<AppfolioField, string>();
    record.forEach((value, column) => {
      const field = fields[column];
      if (field) values.set(field, value);
    });
    found.push({ row, values: toAppfolioRow(values) });
  });
  return keepWorkOrders(found, issues, 'body.rows');
}

function readJson(body: unknown): ExportRow[] {
  const isApiAnswer =
    typeof body === 'object' && body !== null && !Array.isArray(body) && !('rows' in body) && 'results' in body;
  const key = isApiAnswer ? 'results' : 'rows';
  const parsed = (isApiAnswer ? reportsApiJson : ourJson).safeParse(body ?? {});
  if (!parsed.success) refuse(zodIssues(parsed.error, 'body'));
  const list = 'results' in parsed.data ? parsed.data.results : parsed.data.rows;

  const issues: FieldIssue[] = [];
  const present = new Set<AppfolioField>();
  const found = list.map((object, row): ExportRow => {
    const values = new Map<AppfolioField, string | number | null>();
    const columnOf = new Map<AppfolioField, string>();
    for (const [column, value] of Object.entries(object)) {
      const field = fieldOfColumn(column);
      if (!field) continue;
      if (columnOf.has(field))
        issues.push({ path: `body.${key}.${row}.${column}`, message: `the same column as "${columnOf.get(field)}"` });
      columnOf.set(field, column);
      values.set(field, value);
      present.add(field);
    }
    return { row, values: toAppfolioRow(values) };
  });
  checkColumns(present, issues);
  return keepWorkOrders(found, issues, `body.${key}`);
}

/** The export's work orders, or a 400 naming every problem with the body as a whole (rows' own problems are reported per row). */
export function readAppfolioExport(format: ExportFormat, body: unknown): ExportRow[] {
  return format === 'csv' ? readCsv(typeof body === 'string' ? body : '') : readJson(body);
}
