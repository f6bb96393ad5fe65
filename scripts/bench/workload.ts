/**
 * What the benchmarks send down the auto-assignment path (triage part 2, throughput, timers): tenants' texts that the
 * heuristic classifier auto-assigns, and extra technicians so that hundreds of them still find a free slot.
 */
import type { Pool } from 'pg';
import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { DEFAULT_RULES } from '../../domain/rules';
import { parseInboundIntent } from '../../domain/sms/inboundIntent';
import type { SmsLanguage } from '../../domain/sms/templates';

export interface Tenant {
  phone: string;
  language: SmsLanguage;
}

/**
 * Messages by the technician who can take them (one plumber, one electrician, one HVAC and appliance technician in
 * the demo portfolio), so the three share the load: each text gives the heuristic classifier two or more words of one
 * trade (confidence >= 0.90), no safety word, and a trade a technician has. Checked before a run (checkAutoTexts).
 */
export const AUTO_ASSIGNABLE: ReadonlyArray<{ skills: string[]; en: string[]; es: string[] }> = [
  {
    skills: ['plumbing'],
    en: [
      'The kitchen sink drain is clogged and backing up',
      'Kitchen sink drain is clogged and the pipe under it drips',
      'The bathroom sink drain is clogged and the faucet drips',
      'The shower drain is clogged and the tub fills up with water',
      'The bathtub drain is clogged and the faucet keeps dripping',
      'Toilet is clogged and the pipe behind it is leaking',
    ],
    es: [
      'El fregadero está tapado y la tubería gotea',
      'El lavabo del baño está tapado y el desagüe no baja',
      'La tubería debajo del fregadero gotea y el desagüe está tapado',
    ],
  },
  {
    skills: ['electrical'],
    en: [
      'The outlet in the kitchen stopped working and the breaker keeps tripping',
      'The light switch in the hallway does nothing and the outlet next to it is dead',
      'The bedroom outlets have no power but the breaker is fine',
    ],
    es: [
      'Los enchufes de la sala no funcionan y el interruptor tampoco',
      'El interruptor de la cocina no funciona y el enchufe tampoco',
    ],
  },
  {
    skills: ['appliance', 'hvac'],
    en: [
      'The washer and dryer both stopped spinning',
      'The microwave and the oven stopped working',
      'The thermostat is not responding and the radiator is cold',
      'The thermostat is blank and the furnace makes a clicking noise',
    ],
    es: ['La lavadora y la secadora no funcionan', 'El termostato no responde y el radiador no calienta'],
  },
];

const DETAILS: Record<SmsLanguage, string[]> = {
  en: [
    '',
    '. Please help.',
    '. It started this morning.',
    '. Someone is home all day.',
    '. Thanks',
    '. Since yesterday.',
  ],
  es: [
    '',
    '. Por favor ayúdenme.',
    '. Empezó esta mañana.',
    '. Hay alguien en casa todo el día.',
    '. Gracias',
    '. Desde ayer.',
  ],
};

/** The i-th auto-assignable message: tenants in turn, the three trades in turn, the texts and their endings in turn. */
export function autoMessage(i: number, tenants: Tenant[]): { from: string; body: string } {
  const tenant = tenants[i % tenants.length]!;
  const group = AUTO_ASSIGNABLE[i % AUTO_ASSIGNABLE.length]!;
  const texts = group[tenant.language];
  const round = Math.floor(i / AUTO_ASSIGNABLE.length);
  const details = DETAILS[tenant.language];
  return {
    from: tenant.phone,
    body: `${texts[round % texts.length]!}${details[Math.floor(round / texts.length) % details.length]!}`,
  };
}

/** Every message autoMessage can give must read as a new problem and classify as auto-assignable, or the run measures another path. */
export function checkAutoTexts(): void {
  for (const group of AUTO_ASSIGNABLE) {
    for (const language of ['en', 'es'] as const) {
      for (const text of group[language]) {
        for (const detail of DETAILS[language]) {
          const body = `${text}${detail}`;
          const c = classifyHeuristically(body);
          const problems = [
            parseInboundIntent(body).kind !== 'problem' ? 'not read as a new problem' : null,
            c.safety ? 'a safety concern' : null,
            c.confidence < DEFAULT_RULES.thresholds.autoAssign ? `confidence ${c.confidence}` : null,
            !group.skills.includes(c.skillsRequired[0]!) || c.skillsRequired.some((s) => !group.skills.includes(s))
              ? `skills ${c.skillsRequired.join('+')}`
              : null,
          ].filter(Boolean);
          if (problems.length > 0)
            throw new Error(`benchmark text would not be auto-assigned (${problems.join(', ')}): "${body}"`);
        }
      }
    }
  }
}

export async function loadTenants(pool: Pool): Promise<Tenant[]> {
  const tenants = (
    await pool.query<{ phone: string; language: string }>('SELECT phone, language FROM tenants ORDER BY id')
  ).rows.map((r): Tenant => ({ phone: r.phone, language: r.language === 'es' ? 'es' : 'en' }));
  if (tenants.length === 0) throw new Error('no tenants seeded');
  return tenants;
}

/**
 * Orders one internal technician takes in the proposal's 14-day horizon, about: the demo's three (6 a day, tenants'
 * availability windows) took 33 each in 13.3 days in the triage benchmark. Used to size the extra crew.
 */
export const ORDERS_PER_TECHNICIAN = 25;

/**
 * Adds copies of each demo technician (same skills, certifications, capacity, home; own name and phone) until each
 * trade has enough of them for `orders` auto-assignable messages spread over the three trades; returns how many
 * internal technicians there are now. Called again with a larger count, it adds only the copies missing (the
 * saturating run grows the crew before each step). The proposal scores every technician, so this is part of the
 * conditions.
 */
export async function addTechniciansFor(pool: Pool, orders: number, minimumCopies = 0): Promise<number> {
  const perTrade = Math.ceil(orders / AUTO_ASSIGNABLE.length);
  const copies = Math.max(minimumCopies, Math.ceil(perTrade / ORDERS_PER_TECHNICIAN) - 1);
  const existing = (
    await pool.query<{ n: number }>(
      `SELECT coalesce(max(substring(name FROM ' \\(bench copy (\\d+)\\)$')::int), 0)::int AS n FROM technicians`,
    )
  ).rows[0]!.n;
  if (copies > existing) {
    await pool.query(
      `INSERT INTO technicians (name, phone, skills, certifications, max_orders_per_day, first_time_fix_rate, home_latitude, home_longitude)
       SELECT t.name || ' (bench copy ' || c || ')', '+1999' || lpad(t.id::text, 3, '0') || lpad(c::text, 4, '0'), t.skills, t.certifications,
              t.max_orders_per_day, t.first_time_fix_rate, t.home_latitude, t.home_longitude
         FROM technicians t CROSS JOIN generate_series($1::int, $2::int) AS c
        WHERE t.active AND t.vendor_id IS NULL AND t.name NOT LIKE '% (bench copy %'`,
      [existing + 1, copies],
    );
  }
  return (
    await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM technicians WHERE active AND vendor_id IS NULL')
  ).rows[0]!.n;
}
