import { cancelAnswered } from '../../../domain/sms/tenantCancel';
import {
  renderTenantRequestSms,
  type OrderLine,
  type TenantRequestMessage,
} from '../../../domain/sms/tenantRequestTemplates';
import { SMS_MAX_LENGTH } from '../../../domain/sms/textFit';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 12, minutes));
const pending = { workOrderNumber: 1045, askedAt: at(0), expiresAt: at(30) };

describe('which question a YES or NO answers while a cancel waits (the newest question wins)', () => {
  test('the cancel, asked last and still open', () => {
    expect(cancelAnswered(pending, { workOrderNumber: null }, at(5), null)).toBe('cancel');
    expect(cancelAnswered(pending, { workOrderNumber: null }, at(5), at(-60))).toBe('cancel');
  });
  test('a visit question texted after it takes the answer', () => {
    expect(cancelAnswered(pending, { workOrderNumber: null }, at(5), at(2))).toBe('superseded');
  });
  test('a named number decides: its own order is the cancel, another never is', () => {
    expect(cancelAnswered(pending, { workOrderNumber: 1045 }, at(5), at(2))).toBe('cancel');
    expect(cancelAnswered(pending, { workOrderNumber: 1046 }, at(5), null)).toBe('other_order');
  });
  test('past the window the cancel answers nothing', () => {
    expect(cancelAnswered(pending, { workOrderNumber: null }, at(30), null)).toBe('expired');
    expect(cancelAnswered(pending, { workOrderNumber: 1045 }, at(45), null)).toBe('expired');
  });
});

describe('texts to the tenant fit two segments, with every order number in them', () => {
  const order = (number: number, status: OrderLine['status'] = 'scheduled'): OrderLine => ({
    number,
    status,
    summary: 'The kitchen sink drain is clogged and backing up into the dishwasher every single night'.repeat(3),
    when: 'Wed Nov 25, 2:00 PM',
  });
  const messages: TenantRequestMessage[] = [
    { kind: 'order_status', order: order(1045, 'awaiting_confirmation') },
    { kind: 'open_orders', orders: [order(1045), order(1046, 'needs_assignment'), order(1047, 'waiting_access')] },
    { kind: 'cancel_confirm', order: order(1045) },
    { kind: 'cancel_which', orders: [order(1045), order(1046)] },
  ];
  test.each(messages.flatMap((m) => (['en', 'es'] as const).map((language) => [m.kind, language, m] as const)))(
    '%s in %s',
    (_kind, language, message) => {
      const text = renderTenantRequestSms(message, language);
      expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(text).toContain('#1045');
    },
  );
  test('the cancel question says how to confirm', () => {
    expect(renderTenantRequestSms({ kind: 'cancel_confirm', order: order(1045) }, 'en')).toMatch(
      /Reply YES to cancel #1045/,
    );
    expect(renderTenantRequestSms({ kind: 'cancel_confirm', order: order(1045) }, 'es')).toMatch(
      /Responda SÍ para cancelarla/,
    );
  });
});
