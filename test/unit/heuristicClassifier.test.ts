import { classificationSchema } from '../../domain/classification';
import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { DEFAULT_RULES } from '../../domain/rules';
import { route } from '../../domain/rulesEngine';
import { readWords } from '../../domain/triage/words';
import { loadPart } from '../../scripts/triage/corpus';
import { measure } from '../../scripts/triage/metrics';

/**
 * The deterministic classifier on the four tuning parts of the labelled corpus (test/fixtures/triage/tuning.json, and
 * heldout-round1.json to heldout-round3.json, each measured once as held-out and then opened for tuning): the
 * rules were written against them, so these floors keep it from sliding back and say nothing of how it generalises
 * (only a round nobody tuned on does). Each floor is the count measured; raise them, never lower them.
 */
const PARTS = [
  {
    part: 'tuning',
    floors: {
      emergencyRecall: 86 / 86,
      safetyRecall: 141 / 141,
      priorityExact: 431 / 434,
      tradeAmongSkills: 433 / 434,
      maxFalseEmergencies: 0 / 348,
    },
  },
  {
    part: 'heldout-round1',
    floors: {
      emergencyRecall: 58 / 58,
      safetyRecall: 96 / 96,
      priorityExact: 291 / 292,
      tradeAmongSkills: 292 / 292,
      maxFalseEmergencies: 0 / 234,
    },
  },
  {
    part: 'heldout-round2',
    floors: {
      emergencyRecall: 78 / 78,
      safetyRecall: 134 / 134,
      priorityExact: 374 / 384,
      tradeAmongSkills: 380 / 384,
      maxFalseEmergencies: 0 / 306,
    },
  },
  {
    part: 'heldout-round3',
    floors: {
      emergencyRecall: 77 / 77,
      safetyRecall: 141 / 142,
      priorityExact: 346 / 378,
      tradeAmongSkills: 363 / 378,
      maxFalseEmergencies: 6 / 301,
    },
  },
] as const;

const AUTO_ASSIGN = DEFAULT_RULES.thresholds.autoAssign;

describe.each(PARTS)('the heuristic classifier on the $part part of the corpus', ({ part, floors }) => {
  const messages = loadPart(part);
  const judged = messages.map((message) => ({ message, verdict: classifyHeuristically(message.text) }));

  test('every answer fits the classification schema, with one or two distinct skills', () => {
    for (const { verdict } of judged) {
      expect(classificationSchema.parse(verdict)).toEqual(verdict);
      expect(verdict.skillsRequired.length).toBeLessThanOrEqual(2);
      expect(new Set(verdict.skillsRequired).size).toBe(verdict.skillsRequired.length);
    }
  });

  test('recall, exactness and trade stay at their floors; false emergencies stay at most theirs', () => {
    const m = measure(judged);
    expect(m.emergencyRecall.rate).toBeGreaterThanOrEqual(floors.emergencyRecall);
    expect(m.safetyRecall.rate).toBeGreaterThanOrEqual(floors.safetyRecall);
    expect(m.priorityExact.rate).toBeGreaterThanOrEqual(floors.priorityExact);
    expect(m.tradeAmongSkills.rate).toBeGreaterThanOrEqual(floors.tradeAmongSkills);
    expect(m.falseEmergencies.rate).toBeLessThanOrEqual(floors.maxFalseEmergencies);
  });

  test('no hazard it recognises is ever auto-assigned: safety always escalates, whatever the confidence', () => {
    for (const { verdict } of judged.filter(({ verdict }) => verdict.safety)) {
      expect(
        route(
          {
            classificationConfidence: verdict.confidence,
            proposalConfidence: 1,
            safety: true,
            priority: verdict.priority,
          },
          DEFAULT_RULES.thresholds,
        ).outcome,
      ).toBe('escalate');
      expect(verdict.warnings).toContain('safety');
    }
    // and every emergency is a safety concern
    expect(judged.filter(({ verdict }) => verdict.priority === 'emergency' && !verdict.safety)).toEqual([]);
  });

  test('is deterministic: the same text always gets the same answer', () => {
    const again = [...messages]
      .reverse()
      .map((m) => classifyHeuristically(m.text))
      .reverse();
    expect(again).toEqual(judged.map((j) => j.verdict));
  });
});

const classify = classifyHeuristically;

describe('words, not strings', () => {
  test.each([
    ['The kitchen outlet sparked and now it smells burnt', 'emergency', 'electrical'],
    ['sparks coming out of the outlet', 'emergency', 'electrical'],
    ['outlet sparking when I plug anything in', 'emergency', 'electrical'],
    ['there was a burnt smell from the outlet', 'emergency', 'electrical'],
    ['salen chispas del enchufe', 'emergency', 'electrical'],
    ['el enchufe echó una chispa y huele a quemado', 'emergency', 'electrical'],
  ] as const)('"%s" → %s, %s (a word in any form)', (text, priority, trade) => {
    expect(classify(text)).toMatchObject({ priority, safety: true, skillsRequired: expect.arrayContaining([trade]) });
  });

  test('a wasp is a wasp, wasps are wasps', () => {
    expect(classify('a wasp nest right by the front door').priority).toBe('high');
    expect(classify('wasps nest right by the front door').priority).toBe('high');
  });

  test('misspelled cue words are read as the word meant, and the reasoning says so', () => {
    expect(classify('the toliet is cloged').skillsRequired[0]).toBe('plumbing');
    expect(classify('my refrigirator stopped working')).toMatchObject({
      priority: 'high',
      skillsRequired: ['appliance'],
    });
    expect(classify('water leeking from the celing').skillsRequired[0]).toBe('plumbing');
  });

  test('real words near a cue word are not corrected into it', () => {
    expect(readWords('the flooring is scratched', (w) => (w === 'flooring' ? 'flooding' : undefined))[1]!.form).toBe(
      'flooding',
    ); // the hook works…
    expect(classify('the flooring in the hallway is scratched').safety).toBe(false); // …and "flooring" is not "flooding"
    expect(classify('the toilet keeps running all night').skillsRequired).toEqual(['plumbing']); // "night" is not "light"
  });

  test('accents, case, punctuation and contractions do not change the answer', () => {
    expect(classify('NO HAY CALEFACCIÓN!!!')).toEqual(classify('no hay calefaccion'));
    expect(classify("the dishwasher won't drain")).toEqual(classify('the dishwasher wont drain'));
  });
});

describe('negation: what is over or absent is not the hazard', () => {
  test.each([
    ['it is no longer leaking from the ceiling, just a stain', 'water leak'],
    ['the outlet is not sparking anymore', 'sparks'],
    ['ya no gotea el techo', 'water leak'],
    ['no hay humo, solo la alarma que suena', 'smoke'],
    ["there's no gas smell, the stove just won't light", 'gas'],
  ])('"%s" is not read as %s', (text) => {
    const result = classify(text);
    expect(result.priority).not.toBe('emergency');
    expect(result.reasoning).not.toMatch(/safety concern: (sparks|smoke|gas)/);
  });

  test('a hazard said to be over still makes a person look: confidence under the auto-assign threshold, with the reason', () => {
    const result = classify('the outlet stopped sparking yesterday but now it does not work');
    expect(result.safety).toBe(false);
    expect(result.confidence).toBeLessThan(AUTO_ASSIGN);
    expect(result.reasoning).toMatch(/sparks as over or absent/);
  });

  test('a negated service is its outage: "no heat", "no hay agua caliente", "sin luz"', () => {
    expect(classify('no heat since last night').reasoning).toMatch(/essential service out: no heat/);
    expect(classify('no hay agua caliente').reasoning).toMatch(/no hot water/);
    expect(classify('estamos sin luz en todo el departamento')).toMatchObject({
      priority: 'high',
      skillsRequired: ['electrical'],
    });
  });

  test('a failure phrase is no negation of what follows: "not working, sparks come out"', () => {
    expect(classify('the switch is not working sparks come out when i press it').priority).toBe('emergency');
  });
});

describe('the words around an ambiguous term', () => {
  test('llave: a faucet by the sink, a key by the door', () => {
    expect(classify('la llave del lavabo gotea').skillsRequired[0]).toBe('plumbing');
    expect(classify('la llave del fregadero no cierra bien').skillsRequired[0]).toBe('plumbing');
    expect(classify('perdí la llave de la puerta y no puedo entrar').skillsRequired[0]).toBe('locksmith');
  });

  test('heater: a water heater by water or a tank, the heating otherwise', () => {
    expect(classify('the heater in the closet is leaking water').skillsRequired[0]).toBe('plumbing');
    expect(classify('the heater in the bedroom makes a banging noise').skillsRequired[0]).toBe('hvac');
    expect(classify('the water heater is leaking').skillsRequired[0]).toBe('plumbing');
  });

  test('fan: a bathroom or ceiling fan is the electrician, an AC fan the hvac technician', () => {
    expect(classify('the bathroom fan does not turn on').skillsRequired[0]).toBe('electrical');
    expect(classify('the fan on the ac unit is not spinning').skillsRequired[0]).toBe('hvac');
  });

  test('an AC leaking water is the AC, a medium job; water through a light fixture is the plumber first, then the electrician', () => {
    expect(classify('the AC is leaking water onto the floor')).toMatchObject({
      priority: 'medium',
      skillsRequired: ['hvac'],
    });
    expect(classify('water is pouring through the light fixture in the bathroom')).toMatchObject({
      priority: 'emergency',
      safety: true,
      skillsRequired: ['plumbing', 'electrical'],
    });
  });

  test('techo: the roof when it rains, a ceiling otherwise; a word with no context lowers the confidence', () => {
    expect(classify('hay una gotera en el techo cuando llueve').skillsRequired[0]).toBe('roofing');
    expect(classify('hay una gotera en el techo del baño').skillsRequired[0]).toBe('plumbing');
    expect(classify('la llave no sirve').confidence).toBeLessThan(AUTO_ASSIGN);
  });

  test('a garbage disposal is an appliance; a smoke or CO detector is the electrician', () => {
    expect(classify('the garbage disposal is jammed')).toMatchObject({
      priority: 'medium',
      skillsRequired: ['appliance'],
    });
    expect(classify('the smoke detector is chirping').skillsRequired[0]).toBe('electrical');
    expect(classify('there is no smoke detector in the bedroom')).toMatchObject({
      priority: 'high',
      safety: true,
      skillsRequired: ['electrical'],
    });
  });
});

describe('hazards as concepts, whatever the trade', () => {
  test.each([
    // people trapped
    ['my mom is stuck in the elevator', 'emergency', 'general'],
    ['mi hijo se quedó encerrado en el baño y no puede salir', 'emergency', 'locksmith'],
    // fire, smoke, burning, sparks
    ['smoke coming out of the oven', 'emergency', 'appliance'],
    ['there is smoke in the hallway', 'emergency', 'electrical'],
    ['the dryer smells like burning', 'emergency', 'appliance'],
    // gas and carbon monoxide
    ['I smell gas in the kitchen', 'emergency', 'plumbing'],
    ['huele un poco a gas, no es urgente', 'emergency', 'plumbing'],
    ['the carbon monoxide alarm went off', 'emergency', 'hvac'],
    // water meeting electricity
    ['water dripping into the outlet by the sink', 'emergency', 'plumbing'],
    // structure
    ['the bathroom ceiling is sagging', 'high', 'general'],
    ['part of the ceiling collapsed this morning', 'emergency', 'general'],
    // broken glass and unsecured doors or windows
    ['broken glass everywhere in the living room', 'high', 'general'],
    ['the front door will not lock', 'emergency', 'locksmith'],
    ['someone broke into the building last night', 'emergency', 'locksmith'],
    ['rompieron la ventana y vivimos en planta baja, no se puede cerrar', 'emergency', 'general'],
    // falls
    ['the stair railing came loose', 'high', 'general'],
    ['one of the steps on the back stairs is broken', 'high', 'general'],
    // stings and allergies
    ['bee nest by the door and my son is allergic', 'high', 'pest'],
    // no heat in freezing weather, no water, sewage
    ['no heat and it is freezing outside', 'emergency', 'hvac'],
    ['no heat and we have a newborn', 'emergency', 'hvac'],
    ['no water at all in the apartment', 'high', 'plumbing'],
    ['sewage is backing up into the bathtub', 'emergency', 'plumbing'],
  ] as const)('"%s" → safety, %s, %s', (text, priority, trade) => {
    const result = classify(text);
    expect(result).toMatchObject({ safety: true, priority });
    expect(result.skillsRequired[0]).toBe(trade);
    expect(result.warnings).toContain('safety');
    expect(result.reasoning).toMatch(/safety concern/);
  });

  test('a hazard is at least high: "a little" or "not urgent" never lowers it below', () => {
    expect(classify('the balcony railing is a little loose, not urgent')).toMatchObject({
      priority: 'high',
      safety: true,
    });
  });

  test('things named after a hazard are not one: a chirping detector, a gas stove that will not light, cigarette smoke', () => {
    expect(classify('smoke detector keeps chirping')).toMatchObject({ safety: false, priority: 'high' });
    expect(classify("my gas stove burner won't light")).toMatchObject({ safety: false, priority: 'medium' });
    expect(classify('the gas stove smells like gas')).toMatchObject({ safety: true, priority: 'emergency' });
    expect(classify('the neighbor smoking cigarettes, smoke comes into my unit').priority).not.toBe('emergency');
  });
});

describe('severity up and down', () => {
  test('active and spreading water raise a water problem, and the reasoning says so', () => {
    const overflowing = classify('the toilet is overflowing and water is all over the bathroom floor');
    expect(overflowing).toMatchObject({ priority: 'emergency', safety: true });
    expect(overflowing.reasoning).toMatch(/raised: spreading water/);
    expect(classify('the water heater is leaking').priority).toBe('high');
    expect(classify('hay una fuga de agua debajo del fregadero').priority).toBe('high');
  });

  test('a vulnerable person raises an outage; a repeat raises up to high and says so', () => {
    expect(classify('no hot water and my grandmother is 91').priority).toBe('emergency');
    const repeat = classify('the closet door came off its track again');
    expect(repeat.priority).toBe('medium');
    expect(repeat.reasoning).toMatch(/raised: a repeat \("again"\)/);
    expect(repeat.warnings).toContain('multi_visit');
    expect(classify('the kitchen sink is clogged again, third time this month').priority).toBe('high');
  });

  test('low: cosmetic things and minor words', () => {
    for (const text of [
      'a closet door is off its track',
      'the kitchen faucet is dripping',
      'the bathroom fan is loud',
      'peeling caulk around the tub',
      'towel bar is loose, no rush',
    ]) {
      expect(classify(text).priority).toBe('low');
    }
  });
});

describe('unsure means a person looks', () => {
  test('no trade words: below the review threshold, with the reason', () => {
    const result = classify('Can someone call me back please?');
    expect(result.skillsRequired).toEqual(['general']);
    expect(result.confidence).toBeLessThan(DEFAULT_RULES.thresholds.review);
    expect(result.reasoning).toMatch(/needs a person/);
  });

  test('a thing named with nothing wrong said, conflicting cues, several trades: under the auto-assign threshold, with the reason', () => {
    expect(classify('something is up with the toilet')).toMatchObject({ confidence: expect.any(Number) });
    expect(classify('something is up with the toilet').confidence).toBeLessThan(AUTO_ASSIGN);
    const several = classify('the toilet keeps running and the fridge stopped working');
    expect(several.confidence).toBeLessThan(AUTO_ASSIGN);
    expect(several.reasoning).toMatch(/several problems/);
  });

  test('a clear, single-trade job is confident enough to be assigned automatically', () => {
    for (const text of [
      'Kitchen sink is clogged and the drain is backing up',
      'The dishwasher will not drain',
      'the bedroom door sticks',
    ]) {
      expect(classify(text).confidence).toBeGreaterThanOrEqual(AUTO_ASSIGN);
    }
  });

  test('the reasoning names the words it went on', () => {
    const result = classify("The dishwasher won't drain");
    expect(result.reasoning).toContain('"dishwasher"');
    expect(result.reasoning).toContain('(appliance)');
  });
});
