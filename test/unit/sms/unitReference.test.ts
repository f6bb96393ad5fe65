import { parseUnitReference } from '../../../domain/sms/unitReference';

/** As in db/seed/demoData.ts. */
const BUILDINGS = ['Building A', 'Building B', 'Building C'];

const unit = (buildingName: string, unitLabel: string) => ({ buildingName, unitLabel });

describe('parseUnitReference with Building A, B and C', () => {
  test.each([
    ['Building A - 205', unit('Building A', '205')],
    ['building a 205', unit('Building A', '205')],
    ['BUILDING B-104', unit('Building B', '104')],
    ['Bldg A #205', unit('Building A', '205')],
    ['Bldg. C, unit 301', unit('Building C', '301')],
    ['A-205', unit('Building A', '205')],
    ['a - 205', unit('Building A', '205')],
    ['A205', unit('Building A', '205')],
    ['c412', unit('Building C', '412')],
    ['unit 205 building A', unit('Building A', '205')],
    ['apt 205 in building B', unit('Building B', '205')],
    ['Apartment 310, Building C', unit('Building C', '310')],
    ['205 building c', unit('Building C', '205')],
    ['I live in 102 in Building B', unit('Building B', '102')],
    ['Building A, 3rd floor, apt 305', unit('Building A', '305')],
    ['building b second floor unit 210', unit('Building B', '210')],
    ['Building B unit 12B', unit('Building B', '12B')],
    ['Bldg C #3a', unit('Building C', '3A')],
    ['Building A 205, my kitchen sink is leaking', unit('Building A', '205')],
    ['My toilet is clogged. Building B, apt 104. Thanks', unit('Building B', '104')],
  ])('%j', (text, expected) => {
    expect(parseUnitReference(text, BUILDINGS)).toEqual(expected);
  });

  test.each([
    ['edificio A 205', unit('Building A', '205')],
    ['Edificio B, apto. 12B', unit('Building B', '12B')],
    ['Apartamento 301 del edificio C', unit('Building C', '301')],
    ['unidad 205 edificio A', unit('Building A', '205')],
    ['Vivo en el edificio B departamento 104', unit('Building B', '104')],
    ['EDIFÍCIO Á 205', unit('Building A', '205')],
    ['Edif. C número 410', unit('Building C', '410')],
  ])('Spanish %j', (text, expected) => {
    expect(parseUnitReference(text, BUILDINGS)).toEqual(expected);
  });

  test('the first reference in the message wins', () => {
    expect(parseUnitReference('Building C 301, I used to live in Building A 205', BUILDINGS)).toEqual(
      unit('Building C', '301'),
    );
  });

  test.each([
    'my rent is 1200',
    'I called at 205pm',
    'I called at 2:05',
    'call me at 215-555-0141',
    'Building A has no heat',
    'building D 205',
    'Building A - 20555',
    'A-20555',
    'vitamin B12',
    'Building A 2nd floor',
    'Building A at 3pm',
    'building a 1',
    'apt 205',
    'unit 205, no hot water',
    'the a 205 bus',
    'I am building a shelf',
    'Plan B',
    'Building B - 555-0141',
    'My sink is leaking',
    '',
  ])('nothing credible in %j', (text) => {
    expect(parseUnitReference(text, BUILDINGS)).toBeNull();
  });
});

describe('parseUnitReference with other building names', () => {
  test('a name that is not "Building X" is matched by its full name only', () => {
    const names = ['Maple Court', 'Elm Terrace'];
    expect(parseUnitReference('Maple Court 205', names)).toEqual(unit('Maple Court', '205'));
    expect(parseUnitReference('unit 12 at elm terrace', names)).toEqual(unit('Elm Terrace', '12'));
    expect(parseUnitReference('M-205', names)).toBeNull();
    expect(parseUnitReference('apt 205', names)).toBeNull();
  });

  test('with a single building, a unit word and number are enough', () => {
    expect(parseUnitReference('apt 205', ['Maple Court'])).toEqual(unit('Maple Court', '205'));
    expect(parseUnitReference('#310, no heat', ['Building A'])).toEqual(unit('Building A', '310'));
    expect(parseUnitReference('my rent is 1200', ['Maple Court'])).toBeNull();
  });

  test('no buildings, no reference', () => {
    expect(parseUnitReference('Building A - 205', [])).toBeNull();
  });
});
