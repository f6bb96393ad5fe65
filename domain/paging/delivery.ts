/**
 * Which texts a sweep sends: every page waiting goes to each person on call who is under the rules' rate, in one
 * text (a digest when there are several); a person at the rate gets nothing now, and what waits goes in their next
 * text, as a digest. Pure: the pages, the people and the texts each already had in the last hour come in.
 */

export const RATE_WINDOW_MS = 3600_000;

export interface PagePlanInput<R extends { key: string }, P> {
  /** Who is responsible now: the coordinators on call, or the admin contact. */
  recipients: R[];
  /** Pages not sent yet, oldest first. */
  pending: P[];
  /** When each recipient (by key) was texted a page or digest before; older entries are ignored. */
  textedAt: ReadonlyMap<string, readonly Date[]>;
  now: Date;
  maxPerHour: number;
}

export interface PlannedText<R, P> {
  recipient: R;
  pages: P[];
  digest: boolean;
}

/** Texts a recipient got in the hour before `now` (a text at exactly an hour ago no longer counts). */
export function textsInLastHour(textedAt: readonly Date[], now: Date): number {
  const since = now.getTime() - RATE_WINDOW_MS;
  return textedAt.filter((t) => t.getTime() > since && t.getTime() <= now.getTime()).length;
}

/** When the recipient may be texted again: now when under the rate, else an hour after the oldest text that counts. */
export function nextTextAllowedAt(textedAt: readonly Date[], now: Date, maxPerHour: number): Date {
  const recent = textedAt
    .filter((t) => t.getTime() > now.getTime() - RATE_WINDOW_MS && t.getTime() <= now.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < maxPerHour) return now;
  return new Date(recent[recent.length - maxPerHour]!.getTime() + RATE_WINDOW_MS);
}

export function planPageTexts<R extends { key: string }, P>(input: PagePlanInput<R, P>): Array<PlannedText<R, P>> {
  const { recipients, pending, textedAt, now, maxPerHour } = input;
  if (pending.length === 0) return [];
  return recipients
    .filter((r) => textsInLastHour(textedAt.get(r.key) ?? [], now) < maxPerHour)
    .map((recipient) => ({ recipient, pages: [...pending], digest: pending.length > 1 }));
}
