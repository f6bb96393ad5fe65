import fc from 'fast-check';
import { planPageTexts, RATE_WINDOW_MS, textsInLastHour } from '../../../domain/paging/delivery';

interface Person {
  key: string;
}

describe('texts a sweep sends', () => {
  const ana: Person = { key: '+12155550001' };
  const ben: Person = { key: '+12155550002' };
  const now = new Date('2026-03-02T15:00:00Z');

  test('one page is one text; several waiting for the same person are one digest', () => {
    expect(planPageTexts({ recipients: [ana], pending: [1], textedAt: new Map(), now, maxPerHour: 3 })).toEqual([
      { recipient: ana, pages: [1], digest: false },
    ]);
    expect(planPageTexts({ recipients: [ana], pending: [1, 2], textedAt: new Map(), now, maxPerHour: 3 })).toEqual([
      { recipient: ana, pages: [1, 2], digest: true },
    ]);
  });

  test('nothing waiting, or nobody to text: no text', () => {
    expect(planPageTexts({ recipients: [ana], pending: [], textedAt: new Map(), now, maxPerHour: 3 })).toEqual([]);
    expect(planPageTexts({ recipients: [], pending: [1], textedAt: new Map(), now, maxPerHour: 3 })).toEqual([]);
  });

  test('a person at the rate gets nothing now; another on call under it gets the pages', () => {
    const textedAt = new Map([[ana.key, [new Date(now.getTime() - 60_000), new Date(now.getTime() - 120_000)]]]);
    expect(planPageTexts({ recipients: [ana, ben], pending: [1], textedAt, now, maxPerHour: 2 })).toEqual([
      { recipient: ben, pages: [1], digest: false },
    ]);
  });

  test('a text exactly an hour old no longer counts', () => {
    expect(textsInLastHour([new Date(now.getTime() - RATE_WINDOW_MS)], now)).toBe(0);
    expect(textsInLastHour([new Date(now.getTime() - RATE_WINDOW_MS + 1)], now)).toBe(1);
  });

  test('property: over any run of sweeps nobody gets more than the rate in any hour, and every page reaches them once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        // Each sweep: seconds since the last one, and how many new pages appeared.
        fc.array(fc.record({ gap: fc.integer({ min: 1, max: 1800 }), arrivals: fc.integer({ min: 0, max: 4 }) }), {
          minLength: 1,
          maxLength: 80,
        }),
        (maxPerHour, sweeps) => {
          const sent: Date[] = [];
          const delivered: number[] = [];
          let pending: number[] = [];
          let next = 1;
          let t = now.getTime();
          for (const sweep of sweeps) {
            t += sweep.gap * 1000;
            for (let i = 0; i < sweep.arrivals; i++) pending.push(next++);
            const texts = planPageTexts({
              recipients: [ana],
              pending,
              textedAt: new Map([[ana.key, sent]]),
              now: new Date(t),
              maxPerHour,
            });
            for (const text of texts) {
              sent.push(new Date(t));
              delivered.push(...text.pages);
              expect(text.digest).toBe(text.pages.length > 1);
            }
            if (texts.length > 0) pending = [];
          }
          // Every window of an hour ending at a text holds at most the rate.
          for (const end of sent) expect(textsInLastHour(sent, end)).toBeLessThanOrEqual(maxPerHour);
          expect(new Set(delivered).size).toBe(delivered.length);
          // Whatever is still pending is what arrived after the last text went out.
          expect(delivered.length + pending.length).toBe(next - 1);
          // Pages left pending mean the person was at the rate at the last sweep.
          if (pending.length > 0) expect(textsInLastHour(sent, new Date(t))).toBe(maxPerHour);
        },
      ),
    );
  });
});
