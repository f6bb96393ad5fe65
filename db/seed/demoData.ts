import type { AvailabilityWindow } from '../../domain/availability';
import type { Priority, Skill } from '../../domain/priority';

/**
 * The demo portfolio, as plain data: three Philadelphia buildings, their units and tenants, three internal
 * technicians, vendors, and a year of completed work orders so context enrichment has history to find.
 * Rows are keyed by their natural keys (building name, unit label, phone, vendor name), never by id.
 * Phone numbers are in the 555-01xx range reserved for fiction.
 */

export interface DemoBuilding {
  name: string;
  address: string;
  latitude: number;
  longitude: number;
}

export interface DemoUnit {
  building: string;
  label: string;
}

export interface DemoTenant {
  building: string;
  unit: string;
  name: string;
  phone: string;
  language: 'en' | 'es';
  /** When they can let a technician in; absent: any time. */
  availability?: AvailabilityWindow[];
}

export interface DemoTechnician {
  name: string;
  phone: string;
  skills: Skill[];
  certifications: string[];
  maxOrdersPerDay: number;
  firstTimeFixRate: number;
  homeLatitude: number;
  homeLongitude: number;
}

export interface DemoVendor {
  name: string;
  phone: string;
  skills: Skill[];
  approved: boolean;
}

export interface DemoHistoryOrder {
  building: string;
  unit: string;
  description: string;
  priority: Priority;
  skill: Skill;
  source: 'api' | 'sms';
  /** Technician's phone, the natural key. */
  technicianPhone: string;
  daysAgo: number;
  /** From the report to the technician's arrival. */
  hoursToVisit: number;
  visitMinutes: number;
  safety?: boolean;
}

export const DEMO_BUILDINGS: readonly DemoBuilding[] = [
  {
    name: 'Building A',
    address: 'Maple Court, 2100 Spring Garden St, Philadelphia, PA 19130',
    latitude: 39.9632,
    longitude: -75.1737,
  },
  {
    name: 'Building B',
    address: 'Elm Terrace, 1214 S 9th St, Philadelphia, PA 19147',
    latitude: 39.9347,
    longitude: -75.1583,
  },
  {
    name: 'Building C',
    address: 'Oak Gardens, 4510 Baltimore Ave, Philadelphia, PA 19143',
    latitude: 39.9491,
    longitude: -75.2133,
  },
];

function floors(building: string, floorCount: number, perFloor: number): DemoUnit[] {
  const units: DemoUnit[] = [];
  for (let floor = 1; floor <= floorCount; floor++) {
    for (let n = 1; n <= perFloor; n++) units.push({ building, label: `${floor}${String(n).padStart(2, '0')}` });
  }
  return units;
}

export const DEMO_UNITS: readonly DemoUnit[] = [
  ...floors('Building A', 3, 4),
  ...floors('Building B', 2, 6),
  ...floors('Building C', 2, 5),
];

const tenant = (
  building: string,
  unit: string,
  name: string,
  lastDigits: string,
  language: 'en' | 'es' = 'en',
  availability?: AvailabilityWindow[],
): DemoTenant => ({
  building,
  unit,
  name,
  phone: `+1215555${lastDigits}`,
  language,
  ...(availability ? { availability } : {}),
});

const WEEKDAYS = [1, 2, 3, 4, 5];
const SATURDAY = 6;

/**
 * One tenant per unit, except the vacant A-304, B-206 and C-205. A few in Building C give availability windows; they
 * are the last tenants by id, so tests that take tenants in order keep getting ones without windows. Nicole's weekday
 * evenings are all after working hours: only her Saturday mornings can be used.
 */
export const DEMO_TENANTS: readonly DemoTenant[] = [
  tenant('Building A', '101', 'Dana Whitfield', '0101'),
  tenant('Building A', '102', 'Marcus Lee', '0102'),
  tenant('Building A', '103', 'María González', '0103', 'es'),
  tenant('Building A', '104', "Kevin O'Brien", '0104'),
  tenant('Building A', '201', 'Aisha Khan', '0105'),
  tenant('Building A', '202', 'Tom Nguyen', '0106'),
  tenant('Building A', '203', 'Sofia Rossi', '0107'),
  tenant('Building A', '204', 'Jamal Carter', '0108'),
  tenant('Building A', '301', 'Emily Chen', '0109'),
  tenant('Building A', '302', 'José Ramírez', '0110', 'es'),
  tenant('Building A', '303', 'Rachel Goldberg', '0111'),
  tenant('Building B', '101', 'Luis Herrera', '0112', 'es'),
  tenant('Building B', '102', 'Brianna Scott', '0113'),
  tenant('Building B', '103', 'Patrick Murphy', '0114'),
  tenant('Building B', '104', 'Hannah Kim', '0115'),
  tenant('Building B', '105', 'Darnell Brooks', '0116'),
  tenant('Building B', '106', 'Olga Petrova', '0117'),
  tenant('Building B', '201', 'Carmen Flores', '0118', 'es'),
  tenant('Building B', '202', 'Samuel Adeyemi', '0119'),
  tenant('Building B', '203', 'Grace Liu', '0120'),
  tenant('Building B', '204', 'Anthony DiMarco', '0121'),
  tenant('Building B', '205', 'Priya Shah', '0122'),
  tenant('Building C', '101', 'Rosa Martínez', '0123', 'es'),
  tenant('Building C', '102', 'Ethan Walker', '0124'),
  tenant('Building C', '103', 'Keisha Johnson', '0125'),
  tenant('Building C', '104', 'Daniel Cohen', '0126', 'en', [{ days: WEEKDAYS, startHour: 14, endHour: 20 }]),
  tenant('Building C', '105', 'Fatima Diallo', '0127'),
  tenant('Building C', '201', 'Miguel Torres', '0128', 'es'),
  tenant('Building C', '202', 'Lauren Price', '0129', 'en', [{ days: [SATURDAY], startHour: 9, endHour: 13 }]),
  tenant('Building C', '203', 'Victor Huang', '0130', 'en', [{ days: [2, 4], startHour: 8, endHour: 12 }]),
  tenant('Building C', '204', 'Nicole Bennett', '0131', 'en', [
    { days: WEEKDAYS, startHour: 17, endHour: 20 },
    { days: [SATURDAY], startHour: 9, endHour: 12 },
  ]),
];

export const DEMO_TECHNICIANS: readonly DemoTechnician[] = [
  {
    name: 'Ray Delgado',
    phone: '+12675550141',
    skills: ['plumbing', 'general'],
    certifications: ['backflow-prevention', 'osha-10'],
    maxOrdersPerDay: 6,
    firstTimeFixRate: 0.88,
    homeLatitude: 39.9668,
    homeLongitude: -75.1601,
  },
  {
    name: 'Tasha Greene',
    phone: '+12675550142',
    skills: ['electrical', 'general'],
    certifications: ['licensed-electrician', 'osha-10'],
    maxOrdersPerDay: 6,
    firstTimeFixRate: 0.82,
    homeLatitude: 39.9381,
    homeLongitude: -75.1712,
  },
  {
    name: 'Victor Alvarez',
    phone: '+12675550143',
    skills: ['hvac', 'appliance'],
    certifications: ['epa-608', 'nate-certified'],
    maxOrdersPerDay: 6,
    firstTimeFixRate: 0.9,
    homeLatitude: 39.9526,
    homeLongitude: -75.1985,
  },
];

export const DEMO_VENDORS: readonly DemoVendor[] = [
  { name: 'Keystone Plumbing & Roofing', phone: '+12155550191', skills: ['plumbing', 'roofing'], approved: true },
  { name: 'Liberty Electric & Air', phone: '+12155550192', skills: ['electrical', 'hvac'], approved: true },
  { name: 'QuickFix Handyman Services', phone: '+12155550193', skills: ['general', 'locksmith'], approved: false },
  { name: 'Summit Roofing Co.', phone: '+12155550194', skills: ['roofing'], approved: true },
];

const RAY = '+12675550141';
const TASHA = '+12675550142';
const VICTOR = '+12675550143';

/** A year of completed orders; Building A's kitchen and bathroom leaks recur, as in a building with old risers. */
export const DEMO_HISTORY: readonly DemoHistoryOrder[] = [
  {
    building: 'Building A',
    unit: '201',
    description: 'Leak under the kitchen sink, cabinet floor is wet',
    priority: 'medium',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 352,
    hoursToVisit: 26,
    visitMinutes: 75,
  },
  {
    building: 'Building C',
    unit: '104',
    description: 'No heat in the apartment since last night',
    priority: 'emergency',
    skill: 'hvac',
    source: 'sms',
    technicianPhone: VICTOR,
    daysAgo: 331,
    hoursToVisit: 2,
    visitMinutes: 120,
    safety: true,
  },
  {
    building: 'Building B',
    unit: '103',
    description: 'Bedroom outlet stopped working',
    priority: 'medium',
    skill: 'electrical',
    source: 'api',
    technicianPhone: TASHA,
    daysAgo: 318,
    hoursToVisit: 30,
    visitMinutes: 45,
  },
  {
    building: 'Building A',
    unit: '301',
    description: 'Water leaking from the bathroom ceiling',
    priority: 'high',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 297,
    hoursToVisit: 5,
    visitMinutes: 150,
  },
  {
    building: 'Building B',
    unit: '201',
    description: 'La estufa no prende',
    priority: 'medium',
    skill: 'appliance',
    source: 'sms',
    technicianPhone: VICTOR,
    daysAgo: 284,
    hoursToVisit: 28,
    visitMinutes: 60,
  },
  {
    building: 'Building C',
    unit: '202',
    description: 'Toilet keeps running all night',
    priority: 'medium',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 266,
    hoursToVisit: 47,
    visitMinutes: 40,
  },
  {
    building: 'Building A',
    unit: '104',
    description: 'Kitchen cabinet door hanging off its hinge, not urgent',
    priority: 'low',
    skill: 'general',
    source: 'api',
    technicianPhone: RAY,
    daysAgo: 251,
    hoursToVisit: 96,
    visitMinutes: 30,
  },
  {
    building: 'Building B',
    unit: '105',
    description: 'Fridge is not cooling, food is going bad',
    priority: 'high',
    skill: 'appliance',
    source: 'sms',
    technicianPhone: VICTOR,
    daysAgo: 233,
    hoursToVisit: 6,
    visitMinutes: 90,
  },
  {
    building: 'Building A',
    unit: '202',
    description: 'Kitchen sink is leaking into the cabinet again',
    priority: 'medium',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 214,
    hoursToVisit: 22,
    visitMinutes: 90,
  },
  {
    building: 'Building C',
    unit: '201',
    description: 'Hay una fuga en la ducha',
    priority: 'medium',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 198,
    hoursToVisit: 50,
    visitMinutes: 45,
  },
  {
    building: 'Building B',
    unit: '204',
    description: 'The AC is not working and it is 92 degrees',
    priority: 'high',
    skill: 'hvac',
    source: 'sms',
    technicianPhone: VICTOR,
    daysAgo: 176,
    hoursToVisit: 7,
    visitMinutes: 120,
  },
  {
    building: 'Building C',
    unit: '103',
    description: 'Hallway light fixture flickering',
    priority: 'medium',
    skill: 'electrical',
    source: 'api',
    technicianPhone: TASHA,
    daysAgo: 163,
    hoursToVisit: 40,
    visitMinutes: 45,
  },
  {
    building: 'Building A',
    unit: '103',
    description: 'Gotera debajo del fregadero de la cocina',
    priority: 'medium',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 149,
    hoursToVisit: 24,
    visitMinutes: 60,
  },
  {
    building: 'Building B',
    unit: '102',
    description: 'Dishwasher will not drain',
    priority: 'medium',
    skill: 'appliance',
    source: 'api',
    technicianPhone: VICTOR,
    daysAgo: 131,
    hoursToVisit: 45,
    visitMinutes: 60,
  },
  {
    building: 'Building A',
    unit: '304',
    description: 'Make-ready: patch and paint walls before move-in',
    priority: 'low',
    skill: 'general',
    source: 'api',
    technicianPhone: RAY,
    daysAgo: 118,
    hoursToVisit: 72,
    visitMinutes: 240,
  },
  {
    building: 'Building C',
    unit: '105',
    description: 'Breaker keeps tripping in the kitchen',
    priority: 'medium',
    skill: 'electrical',
    source: 'sms',
    technicianPhone: TASHA,
    daysAgo: 104,
    hoursToVisit: 20,
    visitMinutes: 60,
  },
  {
    building: 'Building B',
    unit: '202',
    description: 'Thermostat screen is blank',
    priority: 'medium',
    skill: 'hvac',
    source: 'api',
    technicianPhone: VICTOR,
    daysAgo: 92,
    hoursToVisit: 30,
    visitMinutes: 30,
  },
  {
    building: 'Building A',
    unit: '101',
    description: 'Leak under the bathroom sink, water on the floor',
    priority: 'medium',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 78,
    hoursToVisit: 18,
    visitMinutes: 60,
  },
  {
    building: 'Building C',
    unit: '203',
    description: 'Sparks from the outlet behind the couch',
    priority: 'emergency',
    skill: 'electrical',
    source: 'sms',
    technicianPhone: TASHA,
    daysAgo: 66,
    hoursToVisit: 1.5,
    visitMinutes: 90,
    safety: true,
  },
  {
    building: 'Building B',
    unit: '106',
    description: "Washing machine won't spin",
    priority: 'medium',
    skill: 'appliance',
    source: 'sms',
    technicianPhone: VICTOR,
    daysAgo: 53,
    hoursToVisit: 36,
    visitMinutes: 75,
  },
  {
    building: 'Building A',
    unit: '203',
    description: 'Water leaking from the kitchen ceiling, unit above has a leak',
    priority: 'high',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 41,
    hoursToVisit: 4,
    visitMinutes: 180,
  },
  {
    building: 'Building B',
    unit: '203',
    description: 'Bedroom window will not close all the way',
    priority: 'medium',
    skill: 'general',
    source: 'api',
    technicianPhone: TASHA,
    daysAgo: 29,
    hoursToVisit: 44,
    visitMinutes: 45,
  },
  {
    building: 'Building C',
    unit: '101',
    description: 'No hay agua caliente',
    priority: 'high',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 18,
    hoursToVisit: 5,
    visitMinutes: 120,
  },
  {
    building: 'Building A',
    unit: '201',
    description: 'Leak under the kitchen sink again, same as last year',
    priority: 'medium',
    skill: 'plumbing',
    source: 'sms',
    technicianPhone: RAY,
    daysAgo: 9,
    hoursToVisit: 20,
    visitMinutes: 90,
  },
  {
    building: 'Building B',
    unit: '101',
    description: 'El refrigerador hace mucho ruido',
    priority: 'medium',
    skill: 'appliance',
    source: 'sms',
    technicianPhone: VICTOR,
    daysAgo: 5,
    hoursToVisit: 50,
    visitMinutes: 45,
  },
];
