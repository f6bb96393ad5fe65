import { haversineMeters } from '../../domain/geo';

const NEW_YORK = { latitude: 40.7128, longitude: -74.006 };
const LOS_ANGELES = { latitude: 34.0522, longitude: -118.2437 };

test('a point is zero meters from itself', () => {
  expect(haversineMeters(NEW_YORK, NEW_YORK)).toBe(0);
});

test('one degree of latitude is about 111.2 km anywhere', () => {
  expect(haversineMeters({ latitude: 0, longitude: 10 }, { latitude: 1, longitude: 10 })).toBeCloseTo(111_195, -1);
  expect(haversineMeters({ latitude: 60, longitude: -3 }, { latitude: 61, longitude: -3 })).toBeCloseTo(111_195, -1);
});

test('a degree of longitude shrinks with the cosine of the latitude', () => {
  const atEquator = haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 });
  const at60 = haversineMeters({ latitude: 60, longitude: 0 }, { latitude: 60, longitude: 1 });
  expect(at60 / atEquator).toBeCloseTo(0.5, 3);
});

test('New York to Los Angeles is about 3,936 km, either way', () => {
  const there = haversineMeters(NEW_YORK, LOS_ANGELES);
  expect(there / 1000).toBeCloseTo(3936, -1);
  expect(haversineMeters(LOS_ANGELES, NEW_YORK)).toBeCloseTo(there, 6);
});

test('short distances on site: 0.001 degree of latitude is about 111 m', () => {
  expect(haversineMeters({ latitude: 40.75, longitude: -73.99 }, { latitude: 40.751, longitude: -73.99 })).toBeCloseTo(
    111.2,
    0,
  );
});

test('antipodes are half the circumference apart, across the date line too', () => {
  expect(haversineMeters({ latitude: 10, longitude: 170 }, { latitude: -10, longitude: -10 })).toBeCloseTo(
    Math.PI * 6_371_008.8,
    -1,
  );
  expect(haversineMeters({ latitude: 0, longitude: 179.9995 }, { latitude: 0, longitude: -179.9995 })).toBeCloseTo(
    111.2,
    0,
  );
});
