/** The requests the poison drill sends: every free-text field the API takes, carrying a refused character. */

export interface Attempt {
  what: string;
  method: 'GET' | 'POST' | 'PUT';
  route: string;
  body?: unknown;
  as?: 'coordinator' | 'admin';
  /** An import answers 200 with the row skipped; everything else must be a 4xx. */
  accept?: (status: number, body: unknown) => boolean;
}

const readOnlyAnswer = (status: number) => status === 200 || status === 400;

/** Percent-encoded as a client would send it: a lone surrogate, which UTF-8 cannot encode, as its WTF-8 bytes. */
function queryValue(value: string): string {
  return [...value]
    .map((ch) => {
      const unit = ch.charCodeAt(0);
      if (ch.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(ch);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/** A slot of an hour, three days from now. */
export interface Slot {
  start: string;
  end: string;
}

/** The work order's own free-text fields (a new order's description, reasons, notes, parts) with `p` in them. */
export function workOrderAttempts(p: string, scheduled: number, unitId: number, slot: Slot): Attempt[] {
  return [
    {
      what: 'a new work order',
      method: 'POST',
      route: '/work-orders',
      body: { unitId, description: `The sink leaks ${p}` },
    },
    {
      what: 'a cancel reason',
      method: 'POST',
      route: `/work-orders/${scheduled}/cancel`,
      body: { reason: `duplicate ${p}` },
    },
    {
      what: 'an override reason',
      method: 'POST',
      route: `/work-orders/${scheduled}/assignment`,
      body: { action: 'override', technicianId: 1, slot, reason: `asked by phone ${p}` },
    },
    {
      what: 'review notes',
      method: 'POST',
      route: `/work-orders/${scheduled}/review`,
      body: { decision: 'reject', notes: `redo it ${p}` },
    },
    {
      what: 'a no-access note',
      method: 'POST',
      route: `/work-orders/${scheduled}/visit/no-access`,
      body: { note: `nobody home ${p}` },
    },
    {
      what: 'a part name',
      method: 'POST',
      route: `/work-orders/${scheduled}/visit/parts-needed`,
      body: { parts: [{ name: `P-trap ${p}`, quantity: 1 }], eta: new Date(Date.now() + 86_400_000).toISOString() },
    },
    {
      what: 'a parts-arrived note',
      method: 'POST',
      route: `/work-orders/${scheduled}/visit/parts-arrived`,
      body: { note: `in ${p}` },
    },
  ];
}

/** The portfolio's, the rules', the schedules' fields, the query parameters and an import cell, with `p` in them. */
export function portfolioAttempts(
  p: string,
  i: number,
  building: { name: string; label: string },
  rules: { rules: unknown; version: number },
): Attempt[] {
  return [
    {
      what: 'a building name',
      method: 'POST',
      route: '/buildings',
      as: 'admin',
      body: { name: `Tower ${p} ${i}`, address: '1 Main St', latitude: 40, longitude: -75 },
    },
    {
      what: 'a technician name',
      method: 'POST',
      route: '/technicians',
      as: 'admin',
      body: { name: `Pat ${p}`, phone: `+1445557${String(1000 + i)}`, skills: ['plumbing'] },
    },
    {
      what: 'a rules note',
      method: 'PUT',
      route: '/rules',
      body: { rules: rules.rules, expectedVersion: rules.version, note: `tuning ${p}` },
    },
    {
      what: 'a schedule name',
      method: 'POST',
      route: '/schedules',
      as: 'admin',
      body: {
        id: `plan-${i}`,
        name: `Boilers ${p}`,
        timeZone: 'America/New_York',
        schedule: { cron: ['0 6 * * 1'] },
        rules: { seasonal: {} },
      },
    },
    // A lone surrogate's bytes decode to U+FFFD, a valid filter: a query may answer 200 (finding nothing) or 400.
    {
      what: 'an event type filter',
      method: 'GET',
      route: `/events?type=${queryValue(`x${p}`)}`,
      accept: readOnlyAnswer,
    },
    {
      what: 'an SMS log filter',
      method: 'GET',
      route: `/sms/messages?phone=${queryValue(`+1215${p}`)}`,
      accept: readOnlyAnswer,
    },
    {
      what: 'an AppFolio import cell',
      method: 'POST',
      route: '/imports/appfolio',
      as: 'admin',
      body: {
        rows: [
          {
            'Work Order Number': `P-${i}`,
            'Property Name': building.name,
            Unit: building.label,
            'Job Description': `Leak ${p}`,
            Status: 'New',
          },
        ],
      },
      accept: (status, body) =>
        status === 200 && (body as { created?: number }).created === 0 && (body as { skipped?: number }).skipped === 1,
    },
  ];
}
