/**
 * The coordinator pager's one activity (run by workflows/pager.ts every `rules.paging.sweepSeconds`): raise the pages
 * the event log and the orders' states call for, plan the texts to whoever is on call (a digest for several, nothing
 * past the rate), record them, then send what is recorded and unsent. Every step is idempotent: pages are unique per
 * order and cause, texts are recorded before they are sent and sent under their own key (deliverSms), so a retried
 * or overlapping sweep pages nobody twice.
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { PoolClient } from 'pg';
import { activeCoordinatorsWithWindows } from '../db/queries/coordinators';
import {
  claimUnsentTexts,
  markTextSent,
  pagedOrderFacts,
  pendingPages,
  raisePages,
  recordPageText,
  resolveMootPages,
  textedSince,
  type PendingPage,
} from '../db/queries/coordinatorPages';
import { inTransaction } from '../db/pool';
import { currentRules } from '../db/queries/rules';
import { FailureType } from '../domain/failures';
import { planPageTexts, RATE_WINDOW_MS, type PlannedText } from '../domain/paging/delivery';
import { onCallAt } from '../domain/paging/onCall';
import { DEFAULT_RULES, type Rules } from '../domain/rules';
import { renderPageSms, type PagedOrder } from '../domain/sms/pageTemplates';
import { formatVisitTime, type SmsLanguage } from '../domain/sms/templates';
import type { ActivityDeps } from './deps';
import { deliverSms } from './sms';

/** Serializes the sweeps' planning (a sweep outliving its activity's time-out and its retry, say). */
const PAGER_LOCK_KEY = 727_016;
/** A text claimed by a sweep that died is sent by another after this long. */
const STALE_CLAIM_SECONDS = 60;

/** Someone a page can go to: a coordinator on call, or the admin contact when nobody is. */
export interface PageRecipient {
  /** The phone: one person per number, and the rate is counted per number. */
  key: string;
  phone: string;
  coordinatorId: number | null;
  language: SmsLanguage;
}

export interface PagerSweepResult {
  /** When the pager should sweep next (the rules may have changed). */
  sweepSeconds: number;
  raised: number;
  resolved: number;
  textsPlanned: number;
  textsSent: number;
  /** Who was responsible during this sweep: coordinator ids, or 'admin', or nobody. */
  paged: Array<number | 'admin'>;
}

/** The coordinators on call now; the admin contact when there are none; nobody when there is no admin contact either. */
async function recipientsNow(client: PoolClient, rules: Rules, at: Date): Promise<PageRecipient[]> {
  const onCall = onCallAt(await activeCoordinatorsWithWindows(client), at, rules.scheduling.timeZone);
  if (onCall.length > 0)
    return onCall.map((c) => ({ key: c.phone, phone: c.phone, coordinatorId: c.id, language: c.language }));
  const admin = rules.paging.adminPhone;
  return admin ? [{ key: admin, phone: admin, coordinatorId: null, language: 'en' }] : [];
}

function byOrder(pages: PendingPage[]): PagedOrder[] {
  const orders = new Map<number, string[]>();
  for (const p of pages) orders.set(p.number, [...(orders.get(p.number) ?? []), p.cause]);
  return [...orders.entries()].map(([number, causes]) => ({ number, causes }));
}

/** One text's body: a page naming the order (and what ACCEPT would book), or a digest listing the orders. */
async function bodyOf(
  client: PoolClient,
  text: PlannedText<PageRecipient, PendingPage>,
  timeZone: string,
): Promise<{ body: string; workOrderNumber: number | null }> {
  const orders = byOrder(text.pages);
  const language = text.recipient.language;
  if (orders.length > 1)
    return { body: renderPageSms({ kind: 'page_digest', orders }, language), workOrderNumber: null };
  const { number, causes } = orders[0]!;
  const facts = await pagedOrderFacts(client, number);
  const accept = facts?.acceptable
    ? {
        technicianName: facts.acceptable.technicianName,
        when: formatVisitTime(facts.acceptable.start, timeZone, language),
      }
    : null;
  const body = renderPageSms(
    {
      kind: 'page',
      number,
      causes,
      priority: facts?.priority ?? null,
      place: facts?.place ?? '',
      summary: facts?.description ?? '',
      accept,
    },
    language,
  );
  return { body, workOrderNumber: number };
}

/** The same pages to the same number always make the same key. */
function textKey(phone: string, pageIds: number[]): string {
  const digest = createHash('sha256').update(pageIds.join(',')).digest('hex').slice(0, 24);
  return `coordinator-page/${phone}/${digest}`;
}

export function createPagingActivities({ pool, sms, now }: ActivityDeps) {
  return {
    async sweepCoordinatorPages(): Promise<PagerSweepResult> {
      if (!sms)
        throw ApplicationFailure.create({
          type: FailureType.Misconfigured,
          message: 'the worker has no SMS sender',
          nonRetryable: true,
        });
      const rules = (await currentRules(pool))?.rules ?? DEFAULT_RULES;
      const at = now?.() ?? new Date();
      const planned = await inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [PAGER_LOCK_KEY]);
        const raised = await raisePages(client, rules.paging, at);
        const resolved = await resolveMootPages(client, at);
        const recipients = await recipientsNow(client, rules, at);
        const pending = await pendingPages(client);
        const textedAt = await textedSince(
          client,
          recipients.map((r) => r.phone),
          new Date(at.getTime() - RATE_WINDOW_MS),
        );
        const texts = planPageTexts({
          recipients,
          pending,
          textedAt,
          now: at,
          maxPerHour: rules.paging.maxPagesPerHour,
        });
        for (const text of texts) {
          const pageIds = text.pages.map((p) => p.id);
          const { body, workOrderNumber } = await bodyOf(client, text, rules.scheduling.timeZone);
          const { recipient } = text;
          await recordPageText(client, {
            idempotencyKey: textKey(recipient.phone, pageIds),
            coordinatorId: recipient.coordinatorId,
            phone: recipient.phone,
            language: recipient.language,
            body,
            digest: text.digest,
            workOrderNumber,
            pageIds,
            createdAt: at,
          });
        }
        return {
          raised,
          resolved,
          textsPlanned: texts.length,
          paged: recipients.map((r) => r.coordinatorId ?? ('admin' as const)),
        };
      });

      const unsent = await claimUnsentTexts(pool, STALE_CLAIM_SECONDS);
      for (const text of unsent) {
        const result = await deliverSms(pool, sms, {
          idempotencyKey: text.idempotencyKey,
          workOrderNumber: text.workOrderNumber,
          to: text.phone,
          body: text.body,
          kind: text.digest ? 'coordinator_page_digest' : 'coordinator_page',
          recipientType: text.coordinatorId === null ? 'admin' : 'coordinator',
          recipientId: text.coordinatorId,
        });
        await markTextSent(pool, text.id, result.outcome);
      }
      return { sweepSeconds: rules.paging.sweepSeconds, ...planned, textsSent: unsent.length };
    },
  };
}
