/**
 * recognizeIntent: what a chat message asks of the bot.
 *
 * Precedence, and why:
 * 1. undo and language — short commands that must never be read as reports ("fortryd" is undo,
 *    not a correction);
 * 2. a visit report with a clear outcome ("tak, mødte dem" is a report, not thanks);
 * 3. pause, resume, capacity — each needs its own key words ("pause", "ferie", "genoptag",
 *    "om måneden", "max 4");
 * 4. help and "my visits" — short requests ("hjælp", "?", "mine besøg", "liste");
 * 5. anything that still looks like a report or a correction (the bot asks with buttons);
 * 6. greetings, test messages ("testing", "er du der?") and thanks — only when the message says
 *    nothing else.
 * Commands are recognised on whole messages made of known command words plus politeness, so a
 * word like "dansk" inside a report ("hun taler ikke dansk") does not switch the language.
 */
import { Analysis } from './analysis.js';
import { findDates } from './date-expression.js';
import { NUMBER_WORDS } from './lexicon.js';
import type { Intent, InterpretOptions } from './types.js';
import { DEFAULT_ZONE, interpretVisitReport } from './visit-report.js';

const POLITE = new Set([
  'hej',
  'hi',
  'hey',
  'hello',
  'hallo',
  'please',
  'tak',
  'thanks',
  'lige',
  'gerne',
  'venligst',
  'kan',
  'du',
  'jeg',
  'vil',
  'i',
  'me',
  'mig',
  'nabo',
  'bot',
  'you',
  'can',
  'could',
  'would',
  'like',
  'want',
  'ok',
  'pls',
  'lige',
  'godt',
  'vaer',
  'saa',
  'sod',
  'soed',
  'kindly',
  'just',
  'the',
  'og',
  'and',
]);

const UNDO = new Set([
  'fortryd',
  'fortyd',
  'undo',
  'annuller',
  'annuler',
  'cancel',
  'slet',
  'delete',
  'remove',
  'fjern',
  'tilbagekald',
]);
const UNDO_OBJECTS = new Set([
  'det',
  'that',
  'it',
  'sidste',
  'last',
  'seneste',
  'latest',
  'one',
  'besked',
  'message',
  'rapport',
  'rapporten',
  'report',
  'besoeg',
  'besoeget',
  'visit',
  'indberetning',
  'registrering',
  'entry',
  'min',
  'my',
  'mit',
  'den',
  'this',
  'igen',
  'again',
]);

const LANGUAGE_WORDS = new Set([
  'paa',
  'in',
  'skriv',
  'write',
  'speak',
  'tal',
  'snak',
  'talk',
  'switch',
  'to',
  'til',
  'skift',
  'sprog',
  'language',
  'svar',
  'answer',
  'reply',
  'helst',
  'hellere',
  'rather',
  'have',
  'use',
  'brug',
  'foretraekker',
  'prefer',
  'do',
  'det',
  'it',
  'os',
  'us',
  'mere',
  'more',
  'only',
  'kun',
  'instead',
  'istedet',
  'stedet',
  'i',
]);
const ENGLISH = new Set(['english', 'engelsk', 'eng', 'en']);
const DANISH = new Set(['dansk', 'danish', 'da', 'dk']);

const HELP = new Set([
  'hjaelp',
  'help',
  'kommandoer',
  'commands',
  'menu',
  'vejledning',
  'guide',
  'instructions',
  'hjaelpe',
  'hjelp',
  'info',
]);
const HELP_PHRASES =
  /(?:^| )(?:hvad kan du|what can you do|hvad kan jeg|hvordan virker (?:du|det|botten|det her)|how does (?:this|it) work|how do i use|hvordan bruger jeg|what do i (?:do|write)|hvad skal jeg skrive|hvad goer jeg|what can i (?:do|say|write))(?: |$)/;

const MY_VISITS =
  /(?:^| )(?:mine besoeg|my visits|mine adresser|my addresses|mine tilflyttere|my households|mine husstande|hvem skal jeg besoege|hvem mangler|hvem er de naeste|hvem er naeste|hvem har jeg|who (?:should|do) i visit|who is next|whos next|who am i visiting|mine opgaver|my tasks|my list|min liste|vis besoeg|show visits|list visits|vis liste|vis mine)(?: |$)/;
const MY_VISITS_SINGLE = new Set([
  'besoeg',
  'liste',
  'list',
  'oversigt',
  'overview',
  'visits',
  'besoegene',
  'mine',
  'adresser',
]);

const PAUSE =
  /(?:^| )(?:pause|pauser|holde pause|ferie|holiday|holidays|vacation|orlov|break|fri|away|bortrejst|stop besoeg|stop visits)(?: |$)/;
const RESUME =
  /(?:^| )(?:jeg er tilbage|er tilbage|i am back|back again|genoptag|genoptage|resume|unpause|start igen|starte igen|klar igen|ready again|slut med pause|stop pause|stop min pause|afslut pause|end pause|end my pause|tilbage fra ferie|back from holiday|back from vacation)(?: |$)/;

const CAPACITY_PER_MONTH =
  /(?:^| )(\d{1,2}|[a-z]+)(?: (?:besoeg|visits|husstande|households|families|familier|stk|styks))? (?:om maaned|om maaneden|pr maaned|per maaned|hver maaned|om maaned|a month|per month|each month|every month|monthly|maanedligt|pr md|i maaneden|om mdr)(?: |$)/;
const CAPACITY_MAX =
  /(?:^| )(?:max|maks|maksimum|maximum|hoejst|at most|up to|op til|hoejest) (\d{1,2}|[a-z]+)(?: |$)/;
const CAPACITY_TAKE =
  /(?:^| )(?:kan tage|can take|can do|kan klare|kan naa|kan goere|kan lave|kan besoege|can visit|can handle|i take|jeg tager) (\d{1,2}|[a-z]+)(?: |$)/;

const GREETING = new Set([
  'hej',
  'hi',
  'hey',
  'hello',
  'hallo',
  'halloej',
  'goddag',
  'godmorgen',
  'god',
  'morgen',
  'davs',
  'yo',
  'good',
  'morning',
  'evening',
  'afternoon',
  'aften',
  'eftermiddag',
  'there',
  'alle',
  'everyone',
  'nabo',
  'bot',
  'hvordan',
  'gaar',
  'det',
  'how',
  'are',
  'you',
  'hejsa',
  'dav',
  'sup',
  'howdy',
]);
const THANKS = new Set([
  'tak',
  'thanks',
  'thank',
  'you',
  'mange',
  'tusind',
  'for',
  'hjaelpen',
  'the',
  'help',
  'cheers',
  'super',
  'fint',
  'perfekt',
  'great',
  'ok',
  'dejligt',
  'skal',
  'du',
  'have',
  'so',
  'much',
  'very',
  'lots',
  'det',
  'var',
  'godt',
  'nice',
  'cool',
  'fedt',
  'awesome',
  'perfect',
]);

/** "test", "testing 1 2 3", "er du der?", "virker det?": someone trying Nabo out. */
const TRYING_OUT =
  /(?:^| )(?:test|testing|tester|testbesked|ping|er du der|er du vaagen|virker du|virker det|virker det her|are you there|you there|is this working|is it working|does this work|does it work)(?: |$)/;
const TRYING_OUT_WORDS = new Set([
  'test',
  'testing',
  'tester',
  'testbesked',
  'ping',
  'lige',
  'bare',
  'just',
  'er',
  'du',
  'der',
  'vaagen',
  'virker',
  'det',
  'her',
  'are',
  'you',
  'there',
  'is',
  'this',
  'it',
  'working',
  'does',
  'work',
  'a',
  'en',
  'et',
  'lille',
  'little',
]);

function toNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (/^\d+$/.test(word)) return Number(word);
  const n = NUMBER_WORDS.get(word);
  return n === undefined ? null : n;
}

function capacityOf(s: string): number | null {
  for (const pattern of [CAPACITY_PER_MONTH, CAPACITY_MAX, CAPACITY_TAKE]) {
    const n = toNumber(pattern.exec(s)?.[1]);
    // Out-of-range numbers are still a capacity request: the flow explains the allowed range.
    if (n !== null && n >= 0 && n <= 999) return n;
  }
  return null;
}

function only(words: readonly string[], allowed: (w: string) => boolean): boolean {
  return words.length > 0 && words.every(allowed);
}

export function recognizeIntent(text: string, options: InterpretOptions = {}): Intent {
  if (typeof text !== 'string') return { kind: 'unknown' };
  const trimmed = text.trim();
  if (trimmed.length === 0) return { kind: 'unknown' };
  if (/^[?？]+$/.test(trimmed)) return { kind: 'help' };

  const analysis = new Analysis(trimmed);
  const words = analysis.words.map((w) => w.text).filter((w) => w !== '#' && w !== 'nth');
  if (words.length === 0) return { kind: 'unknown' };
  const s = words.join(' ');
  const short = words.length <= 8;

  if (
    words.some((w) => UNDO.has(w)) &&
    only(words, (w) => UNDO.has(w) || UNDO_OBJECTS.has(w) || POLITE.has(w))
  ) {
    return { kind: 'undo' };
  }
  if (short) {
    const isLanguageWord = (w: string): boolean => LANGUAGE_WORDS.has(w) || POLITE.has(w);
    const english = words.some((w) => ENGLISH.has(w) && w !== 'en');
    const danish = words.some((w) => DANISH.has(w) && w !== 'da');
    if (
      english !== danish &&
      only(words, (w) => ENGLISH.has(w) || DANISH.has(w) || isLanguageWord(w))
    ) {
      return { kind: 'language', locale: english ? 'en' : 'da' };
    }
  }

  const report = interpretVisitReport(trimmed, options);
  if (report.outcome !== null) return { kind: 'visit_report', report };

  if (PAUSE.test(s)) {
    const dates = findDates(new Analysis(trimmed), {
      now: options.now ?? new Date(),
      zone: options.zone ?? DEFAULT_ZONE,
    }).filter((d) => d.date !== null && d.timing !== 'past');
    return { kind: 'pause', until: dates[dates.length - 1]?.date ?? null };
  }
  if (RESUME.test(s)) return { kind: 'resume' };
  const capacity = capacityOf(s);
  if (capacity !== null) return { kind: 'capacity', perMonth: capacity };

  // "tak for hjælpen" thanks the bot; it does not ask for help.
  if (
    short &&
    words.some((w) => w === 'tak' || w === 'thanks' || w === 'thank' || w === 'cheers') &&
    only(words, (w) => THANKS.has(w) || GREETING.has(w))
  ) {
    return { kind: 'thanks' };
  }
  if (short && (HELP_PHRASES.test(s) || (words.some((w) => HELP.has(w)) && words.length <= 4))) {
    return { kind: 'help' };
  }
  if (
    short &&
    (MY_VISITS.test(s) ||
      (words.some((w) => MY_VISITS_SINGLE.has(w)) &&
        only(words, (w) => MY_VISITS_SINGLE.has(w) || POLITE.has(w))))
  ) {
    return { kind: 'my_visits' };
  }
  if (report.looksLikeReport || report.isCorrection || report.folderLeft !== null) {
    return { kind: 'visit_report', report };
  }
  // A test message gets the same short hello as a greeting, with what Nabo can do.
  if (
    short &&
    TRYING_OUT.test(s) &&
    only(words, (w) => TRYING_OUT_WORDS.has(w) || GREETING.has(w) || /^\d+$/.test(w))
  ) {
    return { kind: 'greeting' };
  }
  if (
    short &&
    words.some((w) =>
      [
        'hej',
        'hi',
        'hey',
        'hello',
        'hallo',
        'halloej',
        'goddag',
        'godmorgen',
        'davs',
        'yo',
        'hejsa',
        'morning',
        'dav',
        'howdy',
      ].includes(w),
    ) &&
    only(words, (w) => GREETING.has(w))
  ) {
    return { kind: 'greeting' };
  }
  return { kind: 'unknown' };
}
