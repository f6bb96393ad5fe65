import { languageOfReading, wordsToRead } from '../../domain/sms/textLanguage';
import { SMS_LANGUAGES, type SmsLanguage } from '../../domain/sms/templates';
import { createLogger, type Logger } from '../../observability/logger';

type Detector = Awaited<typeof import('eld/medium')>['eld'];

let loading: Promise<Detector> | undefined;

/**
 * eld (Efficient Language Detector) with its medium database: 60 MB of memory and under a second to load, so it is
 * loaded on the first text long enough to read and kept. Limited to the SMS languages: a Spanish text read as Catalan
 * or Portuguese among 60 languages ("gotea la llave del lavabo") is still Spanish here. Its own instance, so nothing
 * else in the process changes its settings. Loaded with import(), never a static import: eld is ESM only, and its
 * package exports nothing to require() (jest.config.js compiles it for the tests).
 */
function detector(): Promise<Detector> {
  loading ??= import('eld/medium').then(({ eld }) => {
    const own = eld.newInstance();
    own.setLanguageSubset([...SMS_LANGUAGES]);
    return own;
  });
  return loading;
}

let defaultLogger: Logger | undefined;

/**
 * The language a tenant's text is written in, when it is long and clear enough to tell (domain/sms/textLanguage.ts);
 * null otherwise. A detector that can't be loaded is logged and reads nothing: the text is answered in the language
 * on file rather than not at all.
 */
export async function detectTextLanguage(text: string, logger?: Logger): Promise<SmsLanguage | null> {
  const words = wordsToRead(text);
  if (words === null) return null;
  let eld: Detector;
  try {
    eld = await detector();
  } catch (err) {
    loading = undefined;
    (logger ?? (defaultLogger ??= createLogger({ level: 'warn', service: 'api' }))).error(
      { err },
      'the language detector (eld) could not be loaded; texts are answered in the language on file',
    );
    return null;
  }
  const result = eld.detect(words);
  return languageOfReading({ language: result.language, reliable: result.isReliable(), scores: result.getScores() });
}
