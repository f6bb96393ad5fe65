import { extractWorkOrderNumber, isCourtesyOnly, parseInboundIntent } from '../../../domain/sms/inboundIntent';

const answer = (value: 'yes' | 'no', workOrderNumber: number | null = null) => ({
  kind: 'answer',
  answer: value,
  workOrderNumber,
});
const reschedule = (proposal: string, workOrderNumber: number | null = null) => ({
  kind: 'reschedule',
  proposal,
  workOrderNumber,
});
const problem = (text: string) => ({ kind: 'problem', text });

describe('compliance keywords (the whole message, any case, punctuation around it)', () => {
  test.each([
    'STOP',
    'stop',
    'Stop.',
    '  STOP!  ',
    'STOPALL',
    'Unsubscribe',
    'CANCEL',
    'end',
    'Quit',
    'Revoke',
    'opt-out',
    'PARAR',
    'Alto',
    'baja',
    'Cancelar',
    'Stop texting me',
    'no más mensajes',
  ])('%j opts out', (body) => {
    expect(parseInboundIntent(body)).toEqual({ kind: 'opt_out' });
  });

  test.each(['START', 'start', 'Unstop', ' START. '])('%j opts in', (body) => {
    expect(parseInboundIntent(body)).toEqual({ kind: 'opt_in' });
  });

  test('YES is a visit confirmation here, not an opt-in', () => {
    expect(parseInboundIntent('YES')).toEqual(answer('yes'));
  });

  test.each(['HELP', 'help?', 'Info', 'AYUDA', 'ayuda!'])('%j asks for help', (body) => {
    expect(parseInboundIntent(body)).toEqual({ kind: 'help' });
  });

  test.each([
    'Stop the water, it is leaking everywhere',
    "The kitchen faucet won't stop dripping",
    'Please cancel my appointment, the leak stopped',
    'Please cancel the visit, the sink is fine now? No, still dripping',
    'The heat went off at the end of the day',
  ])('a keyword inside a sentence is not one: %j', (body) => {
    expect(parseInboundIntent(body)).toEqual(problem(body));
  });
});

describe('yes', () => {
  test.each([
    'YES',
    'yes',
    'Yes!',
    'Y',
    'yeah',
    'Yep',
    'yup',
    'OK',
    'ok',
    'Okay',
    'k',
    'Sure',
    'CONFIRM',
    'Confirmed',
    'yesss',
    'yes that works',
    'Yes, that works for me. Thanks!',
    'Ok thanks',
    'sounds good',
    'Yes please',
    'yes I will be home',
    "Yes I'll be there",
    'ok see you tomorrow',
    'Yes tomorrow works',
    'perfect, thank you',
    'That works',
    'yes, I will leave the gate open for him',
  ])('%j', (body) => {
    expect(parseInboundIntent(body)).toEqual(answer('yes'));
  });

  test.each([
    'SI',
    'Sí',
    'si',
    'Siii',
    'CLARO',
    'claro que sí',
    'Confirmo',
    'Confirmo la cita, gracias',
    'Sí, está bien',
    'de acuerdo',
    'está bien',
    'Perfecto, gracias',
    'sí, ahí estaré',
    'Sí, estaré en casa',
    'dale',
    'vale',
  ])('Spanish %j', (body) => {
    expect(parseInboundIntent(body)).toEqual(answer('yes'));
  });

  test.each(['👍', '👍🏽', '👌', '✅'])('%s', (body) => {
    expect(parseInboundIntent(body)).toEqual(answer('yes'));
  });
});

describe('no', () => {
  test.each([
    'NO',
    'no',
    'No.',
    'N',
    'nope',
    'Nah',
    'nooo',
    'No thanks',
    'no, sorry',
    "No, I can't make it",
    "can't",
    'I cannot make it',
    'cannot make it',
    "I won't be home",
    "that doesn't work for me",
    "No I'm not available",
    "can't, I work until 6",
    'No, my kids are sick',
    '👎',
    'Please cancel the appointment',
    "Don't come today, I'm sick",
  ])('%j', (body) => {
    expect(parseInboundIntent(body)).toEqual(answer('no'));
  });

  test.each([
    'no puedo',
    'No puedo, lo siento',
    'No, gracias',
    'no podemos',
    'No estaré en casa',
    'No voy a estar',
    'no hay nadie en casa ese día',
    'No me conviene',
    'Cancelen la cita por favor',
    'no vengan hoy',
  ])('Spanish %j', (body) => {
    expect(parseInboundIntent(body)).toEqual(answer('no'));
  });
});

describe('the work order number in an answer', () => {
  test.each([
    ['YES 1012', 'yes', 1012],
    ['yes #1012', 'yes', 1012],
    ['#1012 yes', 'yes', 1012],
    ['Yes for order 1012', 'yes', 1012],
    ['sí 1012', 'yes', 1012],
    ['Sí, orden 1012', 'yes', 1012],
    ['Confirmo la orden #1012', 'yes', 1012],
    ['NO 1015', 'no', 1015],
    ['NO for 1015', 'no', 1015],
    ['no #1015, sorry', 'no', 1015],
    ['no puedo 1015', 'no', 1015],
  ] as const)('%j', (body, value, number) => {
    expect(parseInboundIntent(body)).toEqual(answer(value, number));
  });
});

describe('problem descriptions that start like answers', () => {
  test.each([
    'No hot water since yesterday',
    'no heat',
    'No heat in the bedroom',
    'no power',
    'NO POWER IN MY APARTMENT',
    'no water',
    'no funciona',
    'No funciona la estufa',
    'no hay agua caliente',
    'no tengo luz',
    'No sirve el inodoro',
    'no wifi',
    'Yes the sink is leaking again',
    'ok so the toilet is running again',
    'Yes and the bathroom fan is loud',
    "No, the heater doesn't work",
    'Sí, y también se rompió la ventana',
    'Y también hay cucarachas en la cocina',
    'Nope, still no heat',
    'Sure, but the smoke detector keeps beeping',
  ])('%j', (body) => {
    expect(parseInboundIntent(body)).toEqual(problem(body));
  });
});

describe('problems that mention a time are problems, not proposals', () => {
  test.each([
    'The heat went out this morning',
    'My sink has been leaking since Monday',
    'Water coming through the ceiling since 3am',
    'El inodoro está tapado desde el viernes',
    'Tengo una fuga en la cocina desde ayer por la tarde',
    'Can you come tomorrow to fix my sink?',
  ])('%j', (body) => {
    expect(parseInboundIntent(body)).toEqual(problem(body));
  });
});

describe('reschedule', () => {
  test.each([
    'can you come tomorrow at 3pm',
    'Friday 10am instead',
    'tomorrow works better',
    'thursday afternoon',
    'not today, thursday afternoon',
    'another time',
    'Another time please',
    'Can we reschedule?',
    'Can you come later in the week?',
    "No, I'm at work. Friday at 10?",
    'No, Friday at 10',
    'Yes but friday at 10 would be better',
    "I'm not available tomorrow, how about friday?",
    'after 5 pm',
  ])('%j', (body) => {
    expect(parseInboundIntent(body)).toEqual(reschedule(body));
  });

  test.each([
    'mañana a las 3',
    'otro día',
    'Otro día por favor',
    'Hoy no, el jueves por la tarde',
    '¿Pueden venir el viernes?',
    'No puedo mañana, ¿puede ser el viernes a las 10?',
    'Sí pero mañana a las 3',
    'Mejor el sábado por la mañana',
    'Necesito reprogramar',
    'el lunes',
  ])('Spanish %j', (body) => {
    expect(parseInboundIntent(body)).toEqual(reschedule(body));
  });

  test('keeps the order number it names', () => {
    expect(parseInboundIntent('1012: friday 10am instead')).toEqual(reschedule('1012: friday 10am instead', 1012));
    expect(parseInboundIntent('Orden 1015 otro día')).toEqual(reschedule('Orden 1015 otro día', 1015));
  });
});

describe('iPhone reactions (tapbacks) quote our message instead of opening a work order with it', () => {
  const confirmation =
    'Maintenance scheduled Wed Nov 25, 2:00 PM. Technician: Ray Delgado. Work order #1042. Reply YES to confirm, or NO or another time to reschedule.';

  test.each([
    [`Liked “${confirmation}”`, answer('yes', 1042)],
    [`Loved “${confirmation}”`, answer('yes', 1042)],
    [`Emphasized "${confirmation}"`, answer('yes', 1042)],
    [`Disliked “${confirmation}”`, answer('no', 1042)],
    ['Le gustó “Mantenimiento programado para el mié 25 nov, 14:00. Orden #1042.”', answer('yes', 1042)],
    ['Laughed at “Got it! We received your request. Work order #1042.”', { kind: 'help' }],
    ['Questioned “Maintenance scheduled Wed Nov 25”', { kind: 'help' }],
  ])('%s', (body, expected) => {
    expect(parseInboundIntent(body)).toEqual(expected);
  });

  test('a message that merely starts with "liked" is not a reaction', () => {
    const body = 'Liked the new paint but the faucet still drips';
    expect(parseInboundIntent(body)).toEqual(problem(body));
  });
});

describe('everything else is a problem, as sent', () => {
  test.each([
    'My kitchen sink is leaking',
    '  Toilet keeps running  ',
    'Hay cucarachas en la cocina',
    'La calefacción no funciona',
    'The front door lock is broken',
    'Building A 205 - water dripping from the ceiling',
    '1012',
    '#1012',
    '',
    'thanks',
  ])('%j', (body) => {
    expect(parseInboundIntent(body)).toEqual(problem(body.trim()));
  });
});

describe('extractWorkOrderNumber', () => {
  test.each([
    ['YES 1012', 1012],
    ['yes #1012', 1012],
    ['#1012', 1012],
    ['order 1042 please', 1042],
    ['Work order #1042', 1042],
    ['orden 1015', 1015],
    ['orden de trabajo 1015', 1015],
    ['no for 1015', 1015],
    ['1012', 1012],
    ['about #1012, not 1015', 1012],
    ['order 104213', 104213],
  ] as const)('%j → %d', (text, expected) => {
    expect(extractWorkOrderNumber(text)).toBe(expected);
  });

  test.each([
    'yes',
    'unit 205',
    'call me at 215-555-0141',
    'call me at 2155550141',
    'my rent is $1200',
    'it cost 1,200 dollars',
    'friday 11/27/2026',
    'at 1030am',
    'yes 1012 and no 1015',
    '123',
  ])('none in %j', (text) => {
    expect(extractWorkOrderNumber(text)).toBeNull();
  });
});

describe('isCourtesyOnly', () => {
  test.each(['Thanks!', 'thank you', 'Gracias', 'muchas gracias!', 'Hi', 'hola', 'Buenos días'])('%j', (body) => {
    expect(isCourtesyOnly(body)).toBe(true);
  });

  test.each(['thanks, the sink is leaking', 'yes', 'hola, no tengo agua caliente'])('not %j', (body) => {
    expect(isCourtesyOnly(body)).toBe(false);
  });
});
