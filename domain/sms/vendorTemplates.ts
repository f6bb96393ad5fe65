/**
 * Texts to vendors: the job offer, the answers to their replies, the pick. English only: vendors are businesses we
 * contract with in English. Times arrive formatted (formatVisitTime), amounts in cents.
 */

import { asSentence, fitting, truncate } from './textFit';
import type { VendorReplyField } from './vendorReply';

export type VendorSmsMessage =
  | { kind: 'vendor_offer'; number: number; address: string; summary: string; priority: string; respondBy: string }
  | { kind: 'vendor_awarded'; number: number; when: string; quoteCents: number }
  | { kind: 'vendor_not_picked'; number: number }
  | { kind: 'vendor_quote_ack'; number: number; quoteCents: number; plusParts: boolean; eta: string }
  | { kind: 'vendor_decline_ack'; number: number }
  /** What the reply lacked; what it did say (`quoteCents`, `eta`) is repeated so the vendor sees it was read. */
  | {
      kind: 'vendor_ask_missing';
      number: number;
      missing: VendorReplyField[];
      quoteCents: number | null;
      eta: string | null;
    }
  /** A quote already in, after the window closed: the coordinator is choosing. */
  | { kind: 'vendor_quote_on_file'; number: number; quoteCents: number; eta: string | null }
  /** The window closed without an answer, or the vendor passed. */
  | { kind: 'vendor_offer_closed'; number: number }
  /** The message names an order this vendor was not offered; `open` are the ones they were. */
  | { kind: 'vendor_unknown_order'; number: number; open: number[] }
  | { kind: 'vendor_no_open_request' };

const VENDOR_KINDS: Record<VendorSmsMessage['kind'], true> = {
  vendor_offer: true,
  vendor_awarded: true,
  vendor_not_picked: true,
  vendor_quote_ack: true,
  vendor_decline_ack: true,
  vendor_ask_missing: true,
  vendor_quote_on_file: true,
  vendor_offer_closed: true,
  vendor_unknown_order: true,
  vendor_no_open_request: true,
};

export function isVendorMessage(message: { kind: string }): message is VendorSmsMessage {
  return Object.hasOwn(VENDOR_KINDS, message.kind);
}

/** "$350", "$1,250.50": cents only when there are some. */
export function formatDollars(cents: number): string {
  const whole = cents % 100 === 0;
  return `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 })}`;
}

export const VENDOR_REPLY_EXAMPLE = `Reply with your ETA and quote, e.g. 'Tue 9am $350', or NO to pass.`;

function askMissing(message: Extract<VendorSmsMessage, { kind: 'vendor_ask_missing' }>): string {
  const order = `work order #${message.number}`;
  if (message.missing.includes('quote') && message.missing.includes('eta')) {
    return `Thanks. To quote on ${order}, reply with your ETA and quote in one text, e.g. 'Tue 9am $350', or NO to pass.`;
  }
  if (message.missing.includes('quote')) {
    const heard = message.eta ? `we have your ETA of ${message.eta} for ${order}` : `we got your reply about ${order}`;
    return `Thanks, ${heard}. What is your quote? Reply with one total amount, e.g. '$350', or NO to pass.`;
  }
  const heard =
    message.quoteCents !== null
      ? `we have your quote of ${formatDollars(message.quoteCents)} for ${order}`
      : `we got your reply about ${order}`;
  return `Thanks, ${heard}. When can you be there? Reply with a day and time, e.g. 'Tue 9am', or NO to pass.`;
}

export function renderVendorSms(message: VendorSmsMessage): string {
  switch (message.kind) {
    case 'vendor_offer':
      return fitting(
        (summary) =>
          `Job offer: work order #${message.number}, ${message.priority.toUpperCase()} priority, at ${asSentence(truncate(message.address, 90))} ${asSentence(summary)} ${VENDOR_REPLY_EXAMPLE} Please answer by ${message.respondBy}.`,
        message.summary,
      );
    case 'vendor_awarded':
      return `Your quote of ${formatDollars(message.quoteCents)} for work order #${message.number} is accepted. Visit: ${message.when}. The tenant is being asked to confirm.`;
    case 'vendor_not_picked':
      return `Thank you for quoting on work order #${message.number}. The coordinator chose another vendor this time; we'll text you about the next job.`;
    case 'vendor_quote_ack':
      return `Thanks, we got your quote of ${formatDollars(message.quoteCents)}${message.plusParts ? ' plus parts' : ''} with ETA ${message.eta} for work order #${message.number}. The coordinator will confirm.`;
    case 'vendor_decline_ack':
      return `Thanks for letting us know. We've noted that you're passing on work order #${message.number}.`;
    case 'vendor_ask_missing':
      return askMissing(message);
    case 'vendor_quote_on_file':
      return `We have your quote of ${formatDollars(message.quoteCents)}${message.eta ? ` with ETA ${message.eta}` : ''} for work order #${message.number}. The coordinator will confirm.`;
    case 'vendor_offer_closed':
      return `The request for work order #${message.number} is closed, so we can't take this reply. Thank you; we'll text you about the next job.`;
    case 'vendor_unknown_order': {
      const open = message.open
        .slice(0, 5)
        .map((n) => `#${n}`)
        .join(', ');
      const rest = open ? ` Your open ${message.open.length === 1 ? 'request is' : 'requests are'} ${open}.` : '';
      return `We don't have a request for work order #${message.number} for you.${rest}`;
    }
    case 'vendor_no_open_request':
      return `We don't have an open job request for you right now. We'll text you when we do.`;
  }
}
