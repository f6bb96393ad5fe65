/**
 * Our portfolio as the import matches AppFolio's names against it: buildings by name, units by label, vendors and
 * technicians by name. Names match ignoring case, accents' composition and repeated spaces; nothing fuzzier.
 */
export interface PortfolioIndex {
  buildings: Array<{
    id: number;
    name: string;
    units: Array<{ id: number; label: string; tenant: { id: number; name: string } | null }>;
  }>;
  vendors: Array<{ id: number; name: string; approved: boolean }>;
  /** Internal technicians have no vendor; a vendor's crew row has its vendor's id. */
  technicians: Array<{ id: number; name: string; vendorId: number | null }>;
}

export type IndexedBuilding = PortfolioIndex['buildings'][number];
export type IndexedUnit = IndexedBuilding['units'][number];

export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** By "Property Name", or by "Property" when it is the name itself or "<name> - <address>". */
export function findBuilding(
  index: PortfolioIndex,
  propertyName: string | null,
  property: string | null,
): IndexedBuilding | null {
  for (const building of index.buildings) {
    const name = nameKey(building.name);
    if (propertyName !== null && nameKey(propertyName) === name) return building;
    if (
      propertyName === null &&
      property !== null &&
      (nameKey(property) === name || nameKey(property).startsWith(`${name} - `))
    )
      return building;
  }
  return null;
}

/** "101", "Unit 101", "Apt. 101", "#101" are unit 101. */
export function findUnit(building: IndexedBuilding, unit: string): IndexedUnit | null {
  const label = nameKey(unit)
    .replace(/^(?:unit|apt\.?|apartment|suite|ste\.?)\s*/, '')
    .replace(/^#\s*/, '');
  return building.units.find((u) => nameKey(u.label) === label) ?? null;
}

export function findVendor(index: PortfolioIndex, name: string): PortfolioIndex['vendors'][number] | null {
  return index.vendors.find((v) => nameKey(v.name) === nameKey(name)) ?? null;
}

/** An internal technician first, should a vendor's crew row carry the same name. */
export function findTechnician(index: PortfolioIndex, name: string): PortfolioIndex['technicians'][number] | null {
  const named = index.technicians.filter((t) => nameKey(t.name) === nameKey(name));
  return named.find((t) => t.vendorId === null) ?? named[0] ?? null;
}
