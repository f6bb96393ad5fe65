import { causeLabel, causeOfEvent } from '../../../domain/paging/causes';
import { looksLikeOrderCommand, parseCoordinatorCommand } from '../../../domain/paging/commands';
import { renderPageSms } from '../../../domain/sms/pageTemplates';
import { SMS_MAX_LENGTH } from '../../../domain/sms/textFit';

describe('coordinator commands', () => {
  test.each([
    ['ACK 1107', { kind: 'ack', number: 1107 }],
    ['ack #1107.', { kind: 'ack', number: 1107 }],
    ['  Ack  ', { kind: 'ack', number: null }],
    ['recibido 1107', { kind: 'ack', number: 1107 }],
    ['ACCEPT 1107', { kind: 'accept', number: 1107 }],
    ['aceptar #1107', { kind: 'accept', number: 1107 }],
    ['LIST', { kind: 'list' }],
    ['lista', { kind: 'list' }],
    ['commands', { kind: 'commands' }],
    ['?', { kind: 'commands' }],
  ])('%s', (text, command) => {
    expect(parseCoordinatorCommand(text)).toEqual(command);
  });

  test.each(['ACCEPT', 'ack 1107 please', 'The sink is leaking', 'HELP', 'YES', ''])('%s is no command', (text) => {
    expect(parseCoordinatorCommand(text)).toBeNull();
  });

  test('what a stranger is told is not theirs: a command naming an order', () => {
    expect(looksLikeOrderCommand('ACK 1107')).toBe(true);
    expect(looksLikeOrderCommand('ACCEPT 1107')).toBe(true);
    expect(looksLikeOrderCommand('ACK')).toBe(false);
    expect(looksLikeOrderCommand('LIST')).toBe(false);
  });
});

describe('causes and page texts', () => {
  test('each paging event raises its cause; access steps and failed steps are causes of their own', () => {
    expect(causeOfEvent('escalated', {})).toBe('escalated');
    expect(causeOfEvent('access_escalated', { step: 'legal' })).toBe('access:legal');
    expect(causeOfEvent('step_failed', { step: 'proposeAssignment' })).toBe('step_failed:proposeAssignment');
    expect(causeOfEvent('classified', {})).toBeNull();
    expect(causeLabel('access:eviction_notice', 'es')).toBe('sin acceso: paso aviso de desalojo');
  });

  test('a page names the order, what happened, where, and what ACCEPT would book; within two segments', () => {
    const text = renderPageSms(
      {
        kind: 'page',
        number: 1107,
        causes: ['escalated'],
        priority: 'emergency',
        place: 'Cedar Court - 4B, 410 Cedar St',
        summary: 'A pipe burst under the sink and water is flooding the kitchen '.repeat(8),
        accept: { technicianName: 'Dana Brooks', when: 'Mon Mar 2, 2:00 PM' },
      },
      'en',
    );
    expect(text).toContain('PAGE order #1107: escalated.');
    expect(text).toContain('ACCEPT 1107 to book Dana Brooks Mon Mar 2, 2:00 PM');
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
  });

  test('a digest lists the orders that fit and says how many more', () => {
    const orders = Array.from({ length: 30 }, (_, i) => ({ number: 1100 + i, causes: ['escalated', 'sla_breached'] }));
    for (const language of ['en', 'es'] as const) {
      const text = renderPageSms({ kind: 'page_digest', orders }, language);
      expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(text).toContain('#1100');
      expect(text).toMatch(language === 'es' ? /y \d+ más/ : /and \d+ more/);
    }
  });
});
