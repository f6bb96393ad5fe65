import { PRIORITIES, type Priority, type Skill } from '../../domain/priority';
import type { LabelledMessage } from './splitCorpus';

/** What a classifier said about one message; null when it gave no usable answer (counted as wrong everywhere). */
export interface Verdict {
  priority: Priority;
  skillsRequired: readonly Skill[];
  safety: boolean;
}

export interface Rate {
  hits: number;
  total: number;
  /** hits / total, or null when there is nothing to count */
  rate: number | null;
}

export interface TriageMetrics {
  messages: number;
  unanswered: number;
  recallByPriority: Record<Priority, Rate>;
  emergencyRecall: Rate;
  safetyRecall: Rate;
  priorityExact: Rate;
  /** The labelled trade, or one of its alsoAccept, among the skills the classifier required. */
  tradeAmongSkills: Rate;
  /** Non-emergencies called an emergency, as a share of the non-emergencies. */
  falseEmergencies: Rate;
  /** confusion[labelled][predicted]; "none" for no answer. */
  confusion: Record<Priority, Record<Priority | 'none', number>>;
}

function rate(hits: number, total: number): Rate {
  return { hits, total, rate: total === 0 ? null : hits / total };
}

function count<T>(items: readonly T[], pick: (item: T) => boolean): number {
  return items.filter(pick).length;
}

export function measure(pairs: ReadonlyArray<{ message: LabelledMessage; verdict: Verdict | null }>): TriageMetrics {
  const byPriority = (p: Priority) => pairs.filter(({ message }) => message.priority === p);
  const recallByPriority = Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      rate(
        count(byPriority(p), ({ verdict }) => verdict?.priority === p),
        byPriority(p).length,
      ),
    ]),
  ) as Record<Priority, Rate>;
  const safe = pairs.filter(({ message }) => message.safety);
  const nonEmergencies = pairs.filter(({ message }) => message.priority !== 'emergency');
  const confusion = Object.fromEntries(
    PRIORITIES.map((labelled) => [
      labelled,
      Object.fromEntries(
        [...PRIORITIES, 'none' as const].map((predicted) => [
          predicted,
          count(byPriority(labelled), ({ verdict }) => (verdict?.priority ?? 'none') === predicted),
        ]),
      ),
    ]),
  ) as TriageMetrics['confusion'];
  return {
    messages: pairs.length,
    unanswered: count(pairs, ({ verdict }) => verdict === null),
    recallByPriority,
    emergencyRecall: recallByPriority.emergency,
    safetyRecall: rate(
      count(safe, ({ verdict }) => verdict?.safety === true),
      safe.length,
    ),
    priorityExact: rate(
      count(pairs, ({ message, verdict }) => verdict?.priority === message.priority),
      pairs.length,
    ),
    tradeAmongSkills: rate(
      count(pairs, ({ message, verdict }) =>
        [message.trade, ...(message.alsoAccept ?? [])].some((t) => verdict?.skillsRequired.includes(t)),
      ),
      pairs.length,
    ),
    falseEmergencies: rate(
      count(nonEmergencies, ({ verdict }) => verdict?.priority === 'emergency'),
      nonEmergencies.length,
    ),
    confusion,
  };
}

const pct = (r: Rate) => (r.rate === null ? '–' : `${(r.rate * 100).toFixed(1)} %`);
const frac = (r: Rate) => `${r.hits} / ${r.total}`;

/** Markdown: the figures, then the priority confusion table (rows: labelled, columns: predicted). */
export function formatMetrics(title: string, m: TriageMetrics): string {
  const rows: Array<[string, Rate]> = [
    ['recall, emergency', m.recallByPriority.emergency],
    ['recall, high', m.recallByPriority.high],
    ['recall, medium', m.recallByPriority.medium],
    ['recall, low', m.recallByPriority.low],
    ['safety recall', m.safetyRecall],
    ['priority exact', m.priorityExact],
    ['labelled trade among the required skills', m.tradeAmongSkills],
    ['false emergencies (share of non-emergencies)', m.falseEmergencies],
  ];
  const showNone = m.unanswered > 0;
  const columns = [...PRIORITIES, ...(showNone ? (['none'] as const) : [])];
  return [
    `### ${title}: ${m.messages} messages${m.unanswered > 0 ? `, ${m.unanswered} unanswered (counted as wrong)` : ''}`,
    '',
    '| figure | rate | count |',
    '| --- | ---: | ---: |',
    ...rows.map(([name, r]) => `| ${name} | ${pct(r)} | ${frac(r)} |`),
    '',
    `| labelled \\ predicted | ${columns.join(' | ')} |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} |`,
    ...PRIORITIES.map((labelled) => `| ${labelled} | ${columns.map((p) => m.confusion[labelled][p]).join(' | ')} |`),
  ].join('\n');
}
