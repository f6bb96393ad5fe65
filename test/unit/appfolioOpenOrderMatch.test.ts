import { matchOpenOrder } from '../../domain/appfolio/openOrderMatch';
import { wordsOf } from '../../domain/sameThing';

/** Pairs of an imported description and an open order's, both plumbing unless said: same problem or not. */
const PAIRS: Array<[string, string, boolean]> = [
  ['Kitchen faucet drips', 'The kitchen faucet is dripping a lot', true],
  ['Leaky faucet in kitchen', 'my kitchen faucet keeps dripping all night', true],
  ['Toilet not working', 'the toilet wont flush', true],
  ['Toilet running constantly', 'My toilet keeps running', true],
  ['Kitchen sink not draining', 'Kitchen sink is clogged and the drain is backing up', true],
  ['Garbage disposal jammed', 'The garbage disposal is stuck and humming', true],
  ['Kitchen faucet drips', 'Kitchen sink is clogged and the drain is backing up', false],
  ['Toilet not working', 'Kitchen sink not working', false],
  ['Bathroom sink clogged', 'Kitchen sink is clogged and the drain is backing up', false],
  ['Bathroom faucet drips', 'Kitchen faucet drips', false],
  ['Dishwasher leaking', 'Kitchen faucet leaking', false],
];

test.each(PAIRS)('"%s" and "%s": same problem %s', (imported, open, same) => {
  const { match } = matchOpenOrder(imported, ['plumbing'], [{ number: 7, description: open, skills: ['plumbing'] }]);
  expect(match !== null).toBe(same);
});

test('a shared thing of another trade is no match; the order naming the most words in common wins, the oldest on a tie', () => {
  expect(
    matchOpenOrder(
      'Kitchen faucet drips',
      ['plumbing'],
      [{ number: 1, description: 'kitchen faucet drips', skills: ['electrical'] }],
    ).match,
  ).toBeNull();
  const candidates = [
    { number: 3, description: 'garbage disposal humming', skills: ['plumbing' as const] },
    { number: 2, description: 'the garbage disposal is jammed', skills: ['plumbing' as const, 'appliance' as const] },
    { number: 1, description: 'toilet clogged', skills: ['plumbing' as const] },
  ];
  expect(matchOpenOrder('Garbage disposal jammed', ['plumbing'], candidates)).toEqual({
    match: { number: 2, sharedWords: ['garbag', 'dispos', 'jam'], sharedSkills: ['plumbing'] },
    sameTradeOnly: [1],
  });
});

test('words: stop words, symptoms and numbers are set aside; rooms are kept apart; English stems', () => {
  expect(wordsOf('The bath faucets in unit 4 are leaking!')).toEqual({
    things: new Set(['faucet']),
    rooms: new Set(['bathroom']),
  });
  expect(wordsOf('Back door lock sticks in apt 3').rooms).toEqual(new Set(['back']));
});
