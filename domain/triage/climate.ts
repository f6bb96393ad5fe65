import { has, vocabulary } from './match';
import type { Word } from './words';

/** Weather and temperature: rain and wind bring water in from outside; cold and heat decide what an outage is worth. */
/** Rain, storms and wind: water or damage from outside. */
/** Names with a hazard word inside that are not the hazard: a smoke detector, a gas stove, a fire escape. */
/** Rain, storms and wind: water or damage from outside. */
export const WEATHER = vocabulary({ en: ['rain', 'raining', 'rains', 'rained', 'storm', 'storms', 'wind', 'top floor', 'skylight', 'snow melting', 'hail', 'roof'], es: ['lluvia', 'llueve', 'llover', 'lloviendo', 'llovio', 'tormenta', 'viento', 'ultimo piso', 'granizo', 'azotea', 'tejado', 'encharcando'] });
const HOT_WEATHER = vocabulary({
  en: ['heat wave', 'heatwave', 'so hot', 'very hot', 'really hot', 'too hot', 'extremely hot', 'super hot', 'burning up', 'sweltering', 'hot in here', 'boiling', 'hot out', 'it is hot', 'summer'],
  es: ['ola de calor', 'mucho calor', 'hace calor', 'calor insoportable', 'que calor', 'tanto calor', 'un calor', 'verano'],
});

const COLD = vocabulary({
  en: ['freezing', 'frozen', 'below zero', 'below freezing', 'snow', 'snowing', 'winter', 'very cold', 'so cold', 'really cold', 'extremely cold', 'super cold', 'too cold', 'ice cold', 'cold outside', 'cold out', 'cold in here', 'frigid', 'arctic', 'we are cold', 'shivering', 'ice cold inside'],
  es: ['congelando', 'congelado', 'congelados', 'helando', 'helada', 'mucho frio', 'hace frio', 'que frio', 'bajo cero', 'nieve', 'nevando', 'invierno', 'muy frio', 'tanto frio', 'un frio', 'frio tremendo', 'temblando', 'tiritando', 'helados'],
});
const DEGREES = /\b(\d{1,3})\s*(degrees?|grados?|deg|f)\b/;
const COLD_INDOORS_F = 60;

export function isCold(words: readonly Word[]): boolean {
  if (has(words, COLD, { negated: false })) return true;
  const temperature = DEGREES.exec(words.map((w) => w.form).join(' '));
  return temperature !== null && Number(temperature[1]) <= COLD_INDOORS_F;
}

/** 85 °F and up, or 30 to 50 when it says "grados" (Celsius). */
export function isHot(words: readonly Word[]): boolean {
  if (has(words, HOT_WEATHER, { negated: false })) return true;
  const text = words.map((w) => w.form).join(' ');
  if (/\b(9\d|1[01]\d)\b/.test(text) && !/\b(9\d|1[01]\d) (year|yr|ano)/.test(text)) return true;
  const temperature = DEGREES.exec(text);
  if (!temperature) return false;
  const value = Number(temperature[1]);
  return value >= 85 || (/^grado/.test(temperature[2] ?? '') && value >= 30 && value <= 50);
}
