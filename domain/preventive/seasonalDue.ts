import type { Priority } from '../priority';
import { dayNumber, daysInMonth, type LocalDate } from './periods';

export interface SeasonalTask {
  id: number;
  buildingId: number;
  name: string;
  description: string;
  dueMonth: number;
  dueDay: number;
  leadDays: number;
  priority: Priority;
}

/** The task's due date in `year`; a day the month lacks (Feb 29, Apr 31) is its last day. */
export function dueDateIn(year: number, month: number, day: number): LocalDate {
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

/**
 * The due date whose window (from `leadDays` before it to `graceDays` after it) holds `today`, or null. Windows can
 * cross New Year (due January 15 with a 30-day lead opens in December), so last year's and next year's are tried too.
 */
export function seasonalOccurrence(
  task: Pick<SeasonalTask, 'dueMonth' | 'dueDay' | 'leadDays'>,
  today: LocalDate,
  graceDays: number,
): LocalDate | null {
  const now = dayNumber(today);
  for (const year of [today.year, today.year + 1, today.year - 1]) {
    const due = dueDateIn(year, task.dueMonth, task.dueDay);
    const daysToDue = dayNumber(due) - now;
    if (daysToDue <= task.leadDays && daysToDue >= -graceDays) return due;
  }
  return null;
}
