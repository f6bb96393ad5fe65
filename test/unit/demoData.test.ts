import {
  DEMO_BUILDINGS,
  DEMO_HISTORY,
  DEMO_TECHNICIANS,
  DEMO_TENANTS,
  DEMO_UNITS,
  DEMO_VENDORS,
} from '../../db/seed/demoData';
import { SKILLS } from '../../domain/priority';

/** The same rule as the phone CHECK constraints in db/migrations/001_initial.sql. */
const E164 = /^\+[1-9][0-9]{7,14}$/;
const unitKey = (u: { building: string; unit?: string; label?: string }) => `${u.building} - ${u.unit ?? u.label}`;

describe('demo data', () => {
  test('at least 3 buildings with unique names and real coordinates', () => {
    expect(DEMO_BUILDINGS.length).toBeGreaterThanOrEqual(3);
    expect(new Set(DEMO_BUILDINGS.map((b) => b.name)).size).toBe(DEMO_BUILDINGS.length);
    for (const b of DEMO_BUILDINGS) {
      expect(Math.abs(b.latitude)).toBeLessThanOrEqual(90);
      expect(Math.abs(b.longitude)).toBeLessThanOrEqual(180);
      expect(b.address.length).toBeGreaterThan(10);
    }
  });

  test('at least 30 units, each in a known building and unique within it', () => {
    const buildings = new Set(DEMO_BUILDINGS.map((b) => b.name));
    expect(DEMO_UNITS.length).toBeGreaterThanOrEqual(30);
    for (const u of DEMO_UNITS) expect(buildings).toContain(u.building);
    expect(new Set(DEMO_UNITS.map(unitKey)).size).toBe(DEMO_UNITS.length);
  });

  test('tenants live in known units, one per unit, some speak Spanish', () => {
    const units = new Set(DEMO_UNITS.map(unitKey));
    for (const t of DEMO_TENANTS) expect(units).toContain(unitKey(t));
    expect(new Set(DEMO_TENANTS.map(unitKey)).size).toBe(DEMO_TENANTS.length);
    expect(DEMO_TENANTS.length).toBeGreaterThan(DEMO_UNITS.length * 0.8);
    expect(DEMO_TENANTS.filter((t) => t.language === 'es').length).toBeGreaterThanOrEqual(3);
  });

  test('every phone is E.164 and no two people or vendors share one', () => {
    const phones = [...DEMO_TENANTS, ...DEMO_TECHNICIANS, ...DEMO_VENDORS].map((p) => p.phone);
    for (const phone of phones) expect(phone).toMatch(E164);
    expect(new Set(phones).size).toBe(phones.length);
  });

  test('three internal technicians cover plumbing, electrical, hvac and appliance', () => {
    expect(DEMO_TECHNICIANS.map((t) => t.skills)).toEqual([
      ['plumbing', 'general'],
      ['electrical', 'general'],
      ['hvac', 'appliance'],
    ]);
    for (const t of DEMO_TECHNICIANS) {
      expect(t.maxOrdersPerDay).toBe(6);
      expect(t.firstTimeFixRate).toBeGreaterThan(0);
      expect(t.firstTimeFixRate).toBeLessThanOrEqual(1);
      expect(t.certifications.length).toBeGreaterThan(0);
    }
    expect(DEMO_TECHNICIANS.find((t) => t.skills.includes('hvac'))?.certifications).toContain('epa-608');
    expect(DEMO_TECHNICIANS.find((t) => t.skills.includes('electrical'))?.certifications).toContain(
      'licensed-electrician',
    );
  });

  test('two approved vendors with known skills', () => {
    expect(DEMO_VENDORS.filter((v) => v.approved)).toHaveLength(3);
    for (const v of DEMO_VENDORS) for (const s of v.skills) expect(SKILLS).toContain(s);
    expect(new Set(DEMO_VENDORS.map((v) => v.name)).size).toBe(DEMO_VENDORS.length);
  });

  test('history: about 25 past orders in known units, done by a technician with the skill, within the last year', () => {
    const units = new Set(DEMO_UNITS.map(unitKey));
    expect(DEMO_HISTORY.length).toBeGreaterThanOrEqual(20);
    for (const order of DEMO_HISTORY) {
      expect(units).toContain(unitKey(order));
      const technician = DEMO_TECHNICIANS.find((t) => t.phone === order.technicianPhone);
      expect(technician?.skills).toContain(order.skill);
      expect(order.daysAgo).toBeGreaterThan(0);
      expect(order.daysAgo).toBeLessThanOrEqual(365);
      // Completed before the seed runs: the visit (plus a day of rounding to working hours) ends in the past.
      expect(order.hoursToVisit + order.visitMinutes / 60 + 48).toBeLessThan(order.daysAgo * 24);
    }
  });

  test('history has repeated leaks in one building, for the recurring-issue pattern', () => {
    const leaksInA = DEMO_HISTORY.filter((o) => o.building === 'Building A' && /leak|gotera/i.test(o.description));
    expect(leaksInA.length).toBeGreaterThanOrEqual(3);
  });
});
