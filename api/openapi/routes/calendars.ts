import { z } from 'zod';
import { availabilityWindowsSchema } from '../../../domain/availability';
import { fitsQuery, scheduleQuery, technicianParams, timeOffBody, timeOffParams } from '../../calendars/calendarBodies';
import { workOrderParams } from '../../schemas';
import { instant } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

const interval = z.object({ start: instant, end: instant });
const timeOff = z.object({
  id: z.number().int(),
  technicianId: z.number().int(),
  start: instant,
  end: instant,
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: instant,
});

const schedule = z.object({
  technicianId: z.number().int(),
  name: z.string(),
  active: z.boolean(),
  timeZone: z.string().describe("the rules' time zone: days, hours and dates are its wall clock"),
  from: z.string(),
  to: z.string(),
  maxOrdersPerDay: z.number().int().describe('the daily capacity (routine orders)'),
  firstTimeFixRate: z.number(),
  workingHours: z.object({
    windows: availabilityWindowsSchema,
    source: z.enum(['technician', 'rules']).describe("rules: none of their own, the rules' workday Monday to Saturday"),
  }),
  days: z.array(
    z.object({
      date: z.string(),
      workingHours: z
        .array(interval)
        .describe('that day’s working windows as instants (DST-correct); empty on a day off'),
      timeOff: z.array(z.number().int()).describe('ids of the time off overlapping the day'),
      booked: z.number().int(),
      capacityLeft: z.number().int(),
    }),
  ),
  bookings: z.array(
    z.object({
      workOrderNumber: z.number().int(),
      start: instant,
      end: instant,
      buildingId: z.number().int(),
      status: z.string(),
      priority: z.string().nullable(),
      description: z.string(),
    }),
  ),
  holds: z
    .array(
      z.object({
        workOrderNumber: z.number().int(),
        start: instant,
        end: instant,
        buildingId: z.number().int(),
        expiresAt: instant,
      }),
    )
    .describe("a proposal's best slot, kept from other proposals for a couple of minutes until it is booked"),
  timeOff: z.array(timeOff),
});

const option = z.object({
  technicianId: z.number().int(),
  technicianName: z.string(),
  slot: interval,
  score: z.number(),
  confidence: z.number(),
  reasoning: z.string(),
});
const fits = z.object({
  workOrderNumber: z.number().int(),
  date: z.string(),
  timeZone: z.string(),
  priority: z.string(),
  skillsRequired: z.array(z.string()),
  estimatedMinutes: z.number().int(),
  technicians: z.array(
    z.object({
      technicianId: z.number().int(),
      technicianName: z.string(),
      skill: z
        .string()
        .describe(
          'the trade they would come for: the primary skill, or another of the order’s skills (said in each reasoning)',
        ),
      fits: z.boolean(),
      why: z
        .string()
        .nullable()
        .describe('why no slot that day: not working, time off, capacity, a missing certification, the day over'),
      bookedThatDay: z.number().int(),
      maxOrdersPerDay: z.number().int(),
      workingHours: z.array(interval),
      slots: z.array(option).describe('every start that day, best first, scored and reasoned as the proposal does'),
    }),
  ),
});

export const calendarDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/technicians/{id}/schedule',
    operationId: 'getTechnicianSchedule',
    tag: 'calendars',
    summary: "A technician's days: working hours, bookings, proposal holds, time off, capacity left",
    description:
      "`from` and `to` are local days in the rules' time zone (default: today and the 6 days after it; at most 62 days). A technician reads only their own.",
    auth: { roles: ['coordinator', 'scheduler', 'ops', 'technician'] },
    params: technicianParams,
    query: scheduleQuery,
    responses: { 200: { description: 'the schedule', content: json(schedule) } },
    errors: {
      403: "the key's role may not read schedules, or it is another technician's",
      404: 'no technician with this id',
    },
  },
  {
    method: 'post',
    path: '/technicians/{id}/time-off',
    operationId: 'addTechnicianTimeOff',
    tag: 'calendars',
    summary: 'Add time off',
    description:
      'Dates are whole local days (`2026-07-01` to `2026-07-03` is three days off); instants are exact. The proposal never books into time off (an emergency included); an override needs `force`. ' +
      'Bookings already inside it are listed (`bookingsInside`), not moved: reassign them with an override.',
    auth: { roles: ['coordinator', 'scheduler'] },
    params: technicianParams,
    body: {
      required: true,
      content: json(timeOffBody, { start: '2026-07-01', end: '2026-07-03', reason: 'vacation' }),
    },
    responses: {
      201: {
        description: 'added',
        content: json(
          timeOff.extend({
            bookingsInside: z.array(z.object({ workOrderNumber: z.number().int(), start: instant, end: instant })),
          }),
        ),
      },
    },
    errors: { 404: 'no technician with this id' },
  },
  {
    method: 'delete',
    path: '/technicians/{id}/time-off/{timeOffId}',
    operationId: 'removeTechnicianTimeOff',
    tag: 'calendars',
    summary: 'Remove time off',
    auth: { roles: ['coordinator', 'scheduler'] },
    params: timeOffParams,
    responses: { 204: { description: 'removed' } },
    errors: { 404: 'the technician has no time off with this id' },
  },
  {
    method: 'get',
    path: '/work-orders/{id}/fits',
    operationId: 'getWorkOrderFits',
    tag: 'calendars',
    summary: 'Which technicians and slots fit the order on a day, scored with the reasons the proposal gives',
    description:
      "`date`: a local day in the order's rules' time zone (default today). Every active internal technician with one of the order's skills: those who fit first (best slot first), the others with `why`. " +
      'Slots keep inside working hours (any hour for an emergency), clear of bookings, proposal holds and time off, under the daily capacity (not for an emergency).',
    auth: { roles: ['coordinator', 'scheduler', 'ops'] },
    params: workOrderParams,
    query: fitsQuery,
    responses: { 200: { description: 'the day’s fits', content: json(fits) } },
    errors: {
      404: 'no work order with this number',
      409: 'the order is closed, or not classified yet (its skills are not known)',
    },
  },
];
