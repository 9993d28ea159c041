/**
 * Language hints help pair a household with an ambassador who speaks its language. Lists write
 * them as codes ("ar") or as Danish or English names ("arabisk", "Arabic"); both become ISO 639-1
 * codes so they compare with the ambassadors' languages. An unknown word is kept, lower-case: a
 * coordinator can still read it.
 */

// prettier-ignore
const CODES_BY_NAME: Record<string, string> = {
  dansk: 'da', danish: 'da', engelsk: 'en', english: 'en', arabisk: 'ar', arabic: 'ar',
  somali: 'so', somalisk: 'so', tyrkisk: 'tr', turkish: 'tr', urdu: 'ur', persisk: 'fa',
  persian: 'fa', farsi: 'fa', dari: 'fa', kurdisk: 'ku', kurdish: 'ku', polsk: 'pl', polish: 'pl',
  rumænsk: 'ro', romanian: 'ro', ukrainsk: 'uk', ukrainian: 'uk', russisk: 'ru', russian: 'ru',
  tysk: 'de', german: 'de', vietnamesisk: 'vi', vietnamese: 'vi', tigrinya: 'ti', bosnisk: 'bs',
  bosnian: 'bs', serbisk: 'sr', serbian: 'sr', kroatisk: 'hr', croatian: 'hr', albansk: 'sq',
  albanian: 'sq', pashto: 'ps', tamil: 'ta', thai: 'th', filippinsk: 'tl', tagalog: 'tl',
  spansk: 'es', spanish: 'es', fransk: 'fr', french: 'fr', litauisk: 'lt', lithuanian: 'lt',
  lettisk: 'lv', latvian: 'lv', bulgarsk: 'bg', bulgarian: 'bg', svensk: 'sv', swedish: 'sv',
  norsk: 'no', norwegian: 'no', grønlandsk: 'kl', greenlandic: 'kl', færøsk: 'fo', faroese: 'fo',
};

export function parseLanguageHints(value: string): string[] {
  const hints = value
    .split(/[,;/+&]|\s+og\s+|\s+and\s+|\s+/i)
    .map((word) => word.trim().toLocaleLowerCase('da'))
    .filter((word) => word !== '')
    .map((word) => CODES_BY_NAME[word] ?? word);
  return [...new Set(hints)];
}
