import { z } from 'zod';
import { APPFOLIO_COLUMNS, MAX_IMPORT_ROWS } from '../../../domain/appfolio/columns';
import { importQuery } from '../../imports/importQuery';
import { ourJson, reportsApiJson } from '../../imports/readExport';
import { json, type RouteDoc } from '../routeDoc';

const importReport = z.object({
  created: z.number().int(),
  matched: z.number().int().describe('open AppFolio orders matched to an open order already here (nothing opened)'),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rows: z.array(
    z
      .object({
        row: z.number().int().describe('the spreadsheet row (the header is 1), or the index in a JSON export'),
        appfolioId: z.string().nullable(),
        outcome: z.enum(['created', 'matched', 'updated', 'unchanged', 'skipped']),
        number: z.number().int().optional().describe('the work order here: the one opened, matched, updated or found'),
        how: z
          .string()
          .optional()
          .describe('matched only: why it is the same order (same unit, open, the words both name, the trade)'),
        note: z
          .string()
          .optional()
          .describe(
            'created: open orders of the same unit and trade it was not matched to; updated: who owns the fields',
          ),
        reasons: z.array(z.string()).optional().describe('why a row was skipped'),
        changes: z.array(z.object({}).loose().describe('a changed field: its name, before and after')).optional(),
      })
      .loose(),
  ),
});

const csv = {
  schema: {
    type: 'string',
    description:
      `AppFolio's work order report as CSV (RFC 4180, a header line first; columns by label or snake_case): ${Object.values(APPFOLIO_COLUMNS).join(', ')}. ` +
      `Required: ${APPFOLIO_COLUMNS.workOrderNumber}, ${APPFOLIO_COLUMNS.status}, ${APPFOLIO_COLUMNS.jobDescription}, ${APPFOLIO_COLUMNS.unit}, and ${APPFOLIO_COLUMNS.propertyName} or ${APPFOLIO_COLUMNS.property}.`,
  },
  example:
    'Work Order Number,Property Name,Unit,Job Description,Status,Priority\n4101-1,Building A,101,Kitchen faucet drips,New,Normal\n',
};

export const importDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/imports/appfolio',
    operationId: 'importAppfolio',
    tag: 'imports',
    summary: "Import AppFolio's work order report (CSV or JSON, up to 5 MB)",
    description:
      `At most ${MAX_IMPORT_ROWS} work orders. Idempotent on the AppFolio work order number: a second import of the same export writes nothing. ` +
      'JSON is `{ "rows": [...] }` or the Reports API\'s answer as it comes (`{ "results": [...] }`). Each row is imported whole or not at all; ' +
      'the answer says what became of every row. ' +
      'An open AppFolio order is matched to an open order here instead of opening a second one when it is the same unit, ' +
      'the order here is not linked to another AppFolio order, the two descriptions share a word once stop words, rooms and symptom words are set aside ' +
      '(English stems; when both name a room, one in common), and the heuristic classifier gives both a trade in common: ' +
      "the row answers `matched` with that order's number and how, and later imports of the row update it. " +
      'The open orders an import opens never text their tenants unless `notifyTenants=true`: their visits are booked without asking (tenant_not_notified).',
    auth: { roles: ['admin'] },
    query: importQuery,
    body: {
      required: true,
      content: {
        'text/csv': csv,
        'application/csv': csv,
        ...json(z.union([ourJson, reportsApiJson]), {
          rows: [
            {
              'Work Order Number': '4101-1',
              'Property Name': 'Building A',
              Unit: '101',
              'Job Description': 'Kitchen faucet drips',
              Status: 'New',
              Priority: 'Normal',
            },
          ],
        }),
      },
    },
    responses: { 200: { description: 'what became of every row', content: json(importReport) } },
    errors: {
      400: 'notifyTenants is neither true nor false, an unknown query parameter, or the export as a whole is not valid: not CSV or JSON as described, a missing column, no work orders, too many (issues names each problem)',
      413: 'the body is over 5 MB',
      415: 'the body is neither text/csv nor application/json',
    },
  },
];
