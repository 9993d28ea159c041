/**
 * Ambassadors carry a confidentiality duty (tavshedspligt), and some also sit on the estate board:
 * what they see at the door (two cats where the rules allow one, a wheelchair, a prayer mat) must
 * not travel. When a note looks like it records health, religion, a house-rule breach or other
 * sensitive details, the bot reminds them in one line and asks whether to keep it.
 *
 * Word stems are matched after folding æ/ø/å and case, at the start of a word, so "syg", "sygdom"
 * and "sygehus" all count. A false alarm costs one tap; a missed one leaks a neighbour's privacy,
 * so the list leans towards asking.
 */
export type SensitiveTopic =
  'health' | 'religion' | 'house_rules' | 'finances' | 'police' | 'family';

const STEMS: Record<SensitiveTopic, string[]> = {
  health: [
    'syg',
    'sygdom',
    'sygehus',
    'hospital',
    'kørestol',
    'korestol',
    'rollator',
    'handicap',
    'medicin',
    'demens',
    'dement',
    'psykisk',
    'depression',
    'depri',
    'kræft',
    'kraeft',
    'cancer',
    'diagnose',
    'gravid',
    'misbrug',
    'alkohol',
    'druk',
    'hash',
    'wheelchair',
    'sick',
    'illness',
    'disab',
    'pregnan',
    'dementia',
    'mental',
    'addict',
  ],
  religion: [
    'religion',
    'religiøs',
    'religios',
    'muslim',
    'kristen',
    'jøde',
    'jode',
    'jewish',
    'moské',
    'moske',
    'mosque',
    'kirke',
    'church',
    'bøn',
    'praying',
    'prayer',
    'tørklæde',
    'torklaede',
    'hijab',
    'ramadan',
  ],
  house_rules: [
    'husorden',
    'to katte',
    'tre katte',
    'katte',
    'hund',
    'ulovlig',
    'fremleje',
    'fremlej',
    'sort arbejde',
    'for mange',
    'overbefolk',
    'støj',
    'stoj',
    'larm',
    'ryger inde',
    'house rule',
    'two cats',
    'illegal',
    'sublet',
    'noise',
  ],
  finances: [
    'gæld',
    'gaeld',
    'kontanthjælp',
    'kontanthjaelp',
    'fattig',
    'debt',
    'welfare',
    'huslejerestance',
    'restance',
  ],
  police: [
    'politi',
    'kriminel',
    'fængsel',
    'faengsel',
    'police',
    'criminal',
    'prison',
    'vold',
    'violence',
  ],
  family: ['skilsmisse', 'skilt', 'divorce', 'anbragt', 'kommunen tog', 'foster care'],
};

function fold(text: string): string {
  return text
    .toLocaleLowerCase('da')
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa');
}

const PATTERNS: Array<[SensitiveTopic, RegExp]> = Object.entries(STEMS).map(([topic, stems]) => [
  topic as SensitiveTopic,
  new RegExp(`(?:^|[^\\p{L}])(?:${stems.map((stem) => escape(fold(stem))).join('|')})`, 'u'),
]);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The sensitive topics a note seems to touch; empty when it looks harmless. */
export function sensitiveTopicsIn(note: string): SensitiveTopic[] {
  const folded = fold(note);
  return PATTERNS.filter(([, pattern]) => pattern.test(folded)).map(([topic]) => topic);
}
