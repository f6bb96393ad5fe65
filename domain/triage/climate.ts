import { has, vocabulary } from './match';
import type { Word } from './words';

/** Weather and temperature: rain and wind bring water in from outside; cold and heat decide what an outage is worth. */
/** Rain, storms, wind and the roof's own drainage: water or damage from outside, the roofer's. */
export const WEATHER = vocabulary({
  en: [
    'rain',
    'raining',
    'rains',
    'rained',
    'rainy',
    'storm',
    'storms',
    'stormy',
    'downpour',
    'wind',
    'windy',
    'top floor',
    'skylight',
    'snow melting',
    'melting snow',
    'hail',
    'roof',
    'gutter',
    'gutters',
    'downspout',
  ],
  es: [
    'lluvia',
    'llueve',
    'llover',
    'lloviendo',
    'llovio',
    'aguacero',
    'tormenta',
    'viento',
    '=rufo',
    '=rufa',
    'ultimo piso',
    'granizo',
    'azotea',
    'tejado',
    'encharcando',
    'canaleta',
    'canaletas',
    'canalon',
    'bajante',
  ],
});
const HOT_WEATHER = vocabulary({
  en: [
    'heat wave',
    'heatwave',
    'heat advisory',
    'heat warning',
    'excessive heat',
    'so hot',
    'very hot',
    'really hot',
    'too hot',
    'extremely hot',
    'super hot',
    'burning up',
    'sweltering',
    'scorching',
    'roasting',
    'baking',
    'hot in here',
    'boiling',
    'hot out',
    'it is hot',
    'summer',
    'like an oven',
    'is an oven',
    'like a sauna',
    'is a sauna',
    'dying of heat',
    'dying in here',
    'unbearable',
  ],
  es: [
    'ola de calor',
    'mucho calor',
    'muchisimo calor',
    'demasiado calor',
    'hace calor',
    'calor insoportable',
    'calor horrible',
    'calor terrible',
    'calor',
    'caloron',
    'que calor',
    'tanto calor',
    'un calor',
    'verano',
    'nos estamos asando',
    'un horno',
    'insoportable',
    'sofocante',
    'bochorno',
  ],
});

const COLD = vocabulary({
  en: [
    'freezing',
    'frozen',
    'below zero',
    'below freezing',
    'sub zero',
    'subzero',
    'snow',
    'snowing',
    'snowstorm',
    'blizzard',
    'winter',
    'very cold',
    'so cold',
    'really cold',
    'extremely cold',
    'super cold',
    'too cold',
    'bitter cold',
    'cold outside',
    'cold out',
    'cold snap',
    'frigid',
    'arctic',
    'polar vortex',
    'shivering',
    'teeth chattering',
  ],
  es: [
    'congelando',
    'congelado',
    'congelados',
    'helando',
    'helada',
    'mucho frio',
    'muchisimo frio',
    'demasiado frio',
    'que frio',
    'bajo cero',
    'nieve',
    'nevando',
    'nevada',
    'invierno',
    'muy frio',
    'tanto frio',
    'un frio',
    'frio tremendo',
    'frio horrible',
    'temblando',
    'tiritando',
    'helados',
  ],
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
