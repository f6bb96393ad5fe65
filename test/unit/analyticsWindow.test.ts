import { analyticsWindow } from '../../domain/analyticsWindow';

const now = new Date('2025-06-15T12:00:00Z');
const d = (iso: string) => new Date(iso);

test('nothing asked: the 30 days up to now', () => {
  expect(analyticsWindow({}, now)).toEqual({ ok: true, window: { from: d('2025-05-16T12:00:00Z'), to: now } });
});

test('only to: the 30 days before it; only from: from it up to now', () => {
  expect(analyticsWindow({ to: d('2025-03-01T00:00:00Z') }, now)).toEqual({
    ok: true,
    window: { from: d('2025-01-30T00:00:00Z'), to: d('2025-03-01T00:00:00Z') },
  });
  expect(analyticsWindow({ from: d('2025-06-01T00:00:00Z') }, now)).toEqual({
    ok: true,
    window: { from: d('2025-06-01T00:00:00Z'), to: now },
  });
});

test('from must be before to', () => {
  expect(analyticsWindow({ from: d('2025-03-01T00:00:00Z'), to: d('2025-03-01T00:00:00Z') }, now)).toEqual({
    ok: false,
    issues: [{ path: 'to', message: 'to must be after from' }],
  });
  expect(analyticsWindow({ from: d('2025-03-02T00:00:00Z'), to: d('2025-03-01T00:00:00Z') }, now)).toMatchObject({
    ok: false,
    issues: [{ path: 'to' }],
  });
  expect(analyticsWindow({ from: d('2025-07-01T00:00:00Z') }, now)).toMatchObject({
    ok: false,
    issues: [{ path: 'from' }],
  });
});

test('at most 366 days, to the millisecond', () => {
  const to = d('2025-03-01T00:00:00Z');
  const from = new Date(to.getTime() - 366 * 86_400_000);
  expect(analyticsWindow({ from, to }, now)).toEqual({ ok: true, window: { from, to } });
  expect(analyticsWindow({ from: new Date(from.getTime() - 1), to }, now)).toEqual({
    ok: false,
    issues: [{ path: 'from', message: 'the range may cover at most 366 days' }],
  });
});
