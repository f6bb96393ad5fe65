/** The box npm start prints once the API answers: where each part is, and what to try first. */
import type { Config } from '../../runtime/config';
import { RESTART_POLICY } from '../supervisor';
import { redactPassword } from './database';
import type { Secret } from './secrets';

export interface Summary {
  /** With the Temporal address and the database in use. */
  config: Config;
  apiUrl: string;
  admin: Secret;
  cliPath: string;
  /** The dev server's UI; null for a server at a TEMPORAL_ADDRESS elsewhere. */
  temporalUiUrl: string | null;
  embeddedDatabase: boolean;
  /** The supervised processes' names, in start order. */
  services: string[];
}

export function printSummary(summary: Summary): void {
  printBox(summaryLines(summary));
}

function summaryLines({
  config,
  apiUrl,
  admin,
  cliPath,
  temporalUiUrl,
  embeddedDatabase,
  services,
}: Summary): string[] {
  const { temporalAddress, temporalNamespace: namespace } = config;
  return [
    'Work order engine is running.',
    '',
    `API             ${apiUrl}`,
    `Admin key       ${admin.key}   (${admin.origin})`,
    `Temporal UI     ${temporalUiUrl ? `${temporalUiUrl}/namespaces/${namespace}/workflows` : '(the UI of the server at TEMPORAL_ADDRESS)'}`,
    `Temporal        ${temporalAddress}, namespace ${namespace}, task queue ${config.taskQueue}`,
    `Postgres        ${embeddedDatabase ? 'the embedded PGlite in .data/pglite: one connection, for a first try only (see README)' : redactPassword(config.databaseUrl)}`,
    `Photos          ${config.photoStorageDir}   (PHOTO_STORAGE_DIR)`,
    `Metrics         ${apiUrl}/metrics   (API: HTTP latency, work orders, queues, SMS)`,
    `                http://127.0.0.1:${config.workerMetrics.port}/metrics   (worker: AI calls, SMS sends; WORKER_METRICS_PORT)`,
    `                http://127.0.0.1:${config.workerMetrics.temporalPort}/metrics   (worker: Temporal SDK; TEMPORAL_METRICS_PORT)`,
    `Health          ${apiUrl}/healthz, ${apiUrl}/readyz (Postgres, Temporal, a worker polling)`,
    `Supervision     ${services.join(' and ')}: restarted when ${services.length > 1 ? 'they exit' : 'it exits'} (after ${RESTART_POLICY.firstDelayMs / 1000} s, doubling to ${RESTART_POLICY.maxDelayMs / 1000} s); see the [start] lines`,
    `Logs            JSON lines on stdout, LOG_LEVEL=${config.logLevel}`,
    '',
    'Scheduled work orders, from the command line:',
    `  ${cliPath} workflow list --address ${temporalAddress} --namespace ${namespace} --query 'WorkOrderStatus="scheduled"'`,
    'Work orders through the API:',
    `  curl -H "Authorization: Bearer ${admin.key}" ${apiUrl}/work-orders`,
    process.env.TWILIO_AUTH_TOKEN
      ? 'SMS: Twilio (TWILIO_* set); point its webhook at /webhooks/twilio/sms'
      : 'SMS: local outbox. Text as a demo tenant (Dana Whitfield, Building A - 101), then read the outbox:',
    ...(process.env.TWILIO_AUTH_TOKEN
      ? []
      : [
          `  npm run text -- +12155550101 "There is a leak in my ceiling"`,
          `  curl -H "Authorization: Bearer ${admin.key}" ${apiUrl}/sms/messages`,
        ]),
    'Preventive maintenance plans (Temporal Schedules); run one now:',
    `  curl -H "Authorization: Bearer ${admin.key}" ${apiUrl}/schedules`,
    `  curl -X POST -H "Authorization: Bearer ${admin.key}" ${apiUrl}/schedules/monthly-preventive/trigger`,
    '',
    'Ctrl-C stops everything; the data stays (.data/ and Postgres).',
  ];
}

function printBox(lines: string[]): void {
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((l) => l.length)) + 2));
  console.log(`\n┌${rule}\n${lines.map((l) => `│ ${l}`).join('\n')}\n└${rule}\n`);
}
