import { z } from 'zod';
import { APPFOLIO_COLUMNS, MAX_IMPORT_ROWS } from '../../../domain/appfolio/columns';
import { ourJson, reportsApiJson } from '../../imports/readExport';
import { importReport } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

const csv = {
  schema: {
    type: 'string',
    description:
      `AppFolio's work order report as CSV (RFC 4180, a header line first; columns by label or snake_case): ${Object.values(APPFOLIO_COLUMNS).join(', ')}. ` +
      `Required: ${APPFOLIO_COLUMNS.workOrderNumber}, ${APPFOLIO_COLUMNS.status}, ${APPFOLIO_COLUMNS.jobDescription}, ${APPFOLIO_COLUMNS.unit}, and ${APPFOLIO_COLUMNS.propertyName} or ${APPFOLIO_COLUMNS.property}.`,
  },
  example: 'Work Order Number,Property Name,Unit,Job Description,Status,Priority\n4101-1,Building A,101,Kitchen faucet drips,New,Normal\n',
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
      'the answer says what became of every row.',
    auth: { roles: ['admin'] },
    body: {
      required: true,
      content: {
        'text/csv': csv,
        'application/csv': csv,
        ...json(z.union([ourJson, reportsApiJson]), {
          rows: [{ 'Work Order Number': '4101-1', 'Property Name': 'Building A', Unit: '101', 'Job Description': 'Kitchen faucet drips', Status: 'New', Priority: 'Normal' }],
        }),
      },
    },
    responses: { 200: { description: 'what became of every row', content: json(importReport) } },
    errors: {
      400: 'the export as a whole is not valid: not CSV or JSON as described, a missing column, no work orders, too many (issues names each problem)',
      413: 'the body is over 5 MB',
      415: 'the body is neither text/csv nor application/json',
    },
  },
];
