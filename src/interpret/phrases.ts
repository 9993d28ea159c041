/**
 * The phrase tables: how volunteers say what happened at the door, in folded canonical words
 * (see `phrase.ts` for the notation). Danish and English side by side; chat spellings and typos
 * are mapped onto these words before matching (`vocabulary.ts`), so each phrase is written once.
 */
import { compilePhrase, type CompiledPhrase, type PhraseSpec } from './phrase.js';

type Spec = PhraseSpec | readonly string[];

export type OutcomeSignalKind =
  | 'met'
  | 'not_home'
  | 'declined'
  | 'moved'
  | 'postponed'
  /** "vi aftalte at jeg kommer igen": only decides the outcome when nothing else does. */
  | 'agreed';

const PERSON =
  'dem|ham|hende|familien|begge|beboeren|beboerne|manden|konen|kvinden|damen|moren|faren|mor|far|boernene|parret|them|him|her|the family|both|everyone|alle|the kids|the mum|the mom|the dad|the lady|the guy';
const SUBJECT =
  'de|han|hun|familien|manden|konen|damen|kvinden|beboeren|parret|begge|they|he|she|family|the family|the lady|the guy|the man|the woman';

const MOVED: Spec[] = [
  [
    'forkert|forkerte|wrong',
    'adresse|adressen|address|addy|lejlighed|flat|apartment|door|doer|doeren|opgang|nummer|number|hus|house|unit|building',
  ],
  ['fraflyttet|fraflyttede|udflyttet'],
  ['ikke|not|endnu ikke|not yet', 'flyttet|flyttede|moved', 'ind|in'],
  {
    slots: [
      'er|var|har|is|has|have|had|de|han|hun|they|he|she|familien',
      'allerede|already|just?',
      'flyttet|flyttede',
    ],
    notAfter: 'ind|hertil|herind|herhen|til omraadet|til byen|sammen|ind i',
  },
  ['flyttet|flyttede|moved|moving', 'vaek|ud|derfra|videre|away|out'],
  { slots: ['moved'], notAfter: 'in|into|here|to the estate|recently in' },
  {
    slots: ['flyttet|flyttede|fraflyttet'],
    notBefore: 'lige|nyligt|netop|nylig|just|ikke|nyss',
    notAfter: 'ind|hertil|herind|herhen|til omraadet|til byen|sammen|ind i|fra|hjemmefra|rundt',
  },
  [
    'tom|tomme|empty|vacant',
    'lejlighed|lejligheden|bolig|boligen|flat|apartment|unit|place|hus|house',
  ],
  [
    'staar|stod|er|var|is|was|looks|seems|looked|seemed|ser|saa|virker',
    'helt|totally|completely|fuldstaendig|ud til at vaere?',
    'tom|empty|ubeboet|vacant',
  ],
  ['ubeboet|unoccupied'],
  ['bor', 'der|her?', 'ikke|ingen', 'der|her|mere|laengere?'],
  ['er|var', 'der|her', 'ikke', 'mere|laengere'],
  ['ingen|nobody|no one', 'bor|lives|living'],
  ['der', 'bor', 'ingen|en anden|nogle andre|andre|nogen andre'],
  [
    'andet|forkert|et andet|another|a different|different',
    'navn|name',
    'paa|on?',
    'doeren|doerskiltet|postkassen|skiltet|the door|door|the mailbox',
  ],
  ['someone|somebody', 'else', 'lives|living'],
  ['doesnt|dont|does not|do not|no longer', 'live|lives', 'there|here?'],
  ['not|no longer', 'living', 'there|here'],
];

const DECLINED: Spec[] = [
  [
    'takkede|takker|sagde|svarede',
    'de|han|hun|hun bare|de bare?',
    'bare|paent|venligt|hoefligt?',
    'nej',
  ],
  ['nej', 'tak', 'til', 'besoeg|besoeget|mappen|et besoeg'],
  ['ikke|ej|not|no|uden', 'interesseret|interesserede|interested|interest'],
  ['uinteresseret|uninterested|uinteresserede'],
  ['ingen', 'interesse'],
  {
    slots: [
      'ville|vil|gad|gider|wanted|wants|want|wouldnt',
      'ikke|not?',
      'snakke|tale|have besoeg|aabne|lukke op|modtage|forstyrres|talk|open|open the door|be disturbed|see me|have visitors|know',
    ],
    notBefore: 'jeg|vi|i',
  },
  {
    slots: ['ville|vil|gad|gider', 'ikke'],
    notBefore: 'jeg|vi|i',
    notAfter: 'med|deltage|vaere med|have kaffe|have mere|mere|hjemme',
  },
  {
    slots: [
      'didnt|did not|doesnt|does not|dont|do not|wouldnt',
      'want|wanna',
      'to?',
      'talk|speak|see|open|be|have|any|anything|a visit|visitors|the folder|it|me',
    ],
    notBefore: 'i|we',
  },
  ['refused|declined|afviste|afslog|afvist|afvise|rejected'],
  ['turned|sent|sendte|vinkede', 'me|us|mig|os', 'away|down|vaek|af'],
  ['slammed|shut|closed', 'the', 'door', 'in my face|on me|in our faces?'],
  {
    slots: [
      'smaekkede|smaekker|smaek|lukkede|lukker|smed',
      'doeren|doer',
      'i hovedet paa mig|i|lige i?',
    ],
    notAfter: 'op|igen|op igen',
  },
  ['havde|har|had|has', 'ikke|ingen|no', 'lyst|interesse|interest|behov|brug for besoeg'],
  ['ikke|ingen', 'havde|har?', 'brug|behov', 'for', 'besoeg|et besoeg|det|mappen|noget'],
  ['ikke|no', 'lyst'],
  ['oensker|oenskede|onsker', 'ikke'],
  ['bad', 'mig|os', 'om at?', 'gaa|smutte|forsvinde|lade dem vaere'],
  ['vil|ville|want|wants|wanted', 'vaere|be|bare vaere', 'i fred|left alone|alone'],
  ['go away|gaa vaek|get lost|skrid'],
  ['said|they said|he said|she said', 'no'],
  ['they|he|she|just|said', 'no', 'thanks|thank you'],
  // A bare refusal is the whole report ("nej tak", "no thanks, not for us"); "nej tak til kaffe"
  // declines the coffee, not the visit.
  { slots: ['nej|no|ingen|nope', 'tak|thanks|thank you|ellers tak|thx'], notAfter: 'til|to|for' },
  ['ikke|not', 'noget|really|rigtig?', 'for', 'os|dem|mig|ham|hende|us|me|them|him|her'],
  ['not', 'interested'],
  ['wasnt|werent|isnt|arent|aint', 'really|very|at all?', 'interested|keen'],
];

const POSTPONED: Spec[] = [
  ['havde|har|had|has|have', 'ikke|ingen|not|no', 'tid|time'],
  ['ikke|no|not', 'tid|time|enough time'],
  ['didnt|did not|dont|do not|couldnt', 'have', 'time|the time|much time'],
  ['havde|har|var|had|were|was|er|is|are', 'meget|rigtig|very|so|really|super?', 'travlt|busy'],
  ['travlt|busy'],
  ['passede|passer|passet|suited', 'ikke|daarligt|skidt|not'],
  ['daarligt|skidt|bad|wrong|inconvenient|awkward', 'tidspunkt|time|moment'],
  ['ikke|not', 'et|a', 'godt|good|passende|great', 'tidspunkt|time|moment'],
  [
    'bad|bede',
    'mig|os',
    'om at?',
    'komme|kigge|proeve|vende',
    'igen|tilbage|forbi|senere|en anden dag|en anden gang?',
  ],
  [
    'sagde|foreslog|mente|spurgte om',
    'at?',
    'jeg|vi',
    'skulle|kunne|maatte|skal|kan|maa',
    'komme|kigge|proeve|vende',
  ],
  [
    'sagde|bad|said|asked',
    'mig|os|me|us|to?',
    'kom|komme|come',
    'igen|tilbage|back|again|forbi|by|senere|later',
  ],
  [
    'bad|bede',
    'om',
    'at',
    'jeg|vi',
    'kom|komme|kommer|kiggede|kigger|kigge',
    'igen|tilbage|forbi|senere',
  ],
  ['asked|told|wanted|want', 'me|us', 'to', 'come|return|pop|stop|drop|try|visit|swing'],
  [
    'said',
    'to|i should|i could|i can|we could|we should?',
    'come back|come again|return|try again|pop back|stop by|come by',
  ],
  [
    'paa vej ud|on their way out|on her way out|on his way out|about to leave|just leaving|paa vej hjemmefra',
  ],
  ['skulle', 'lige?', 'ud|afsted|af sted|paa arbejde|til laegen'],
  {
    slots: ['var|er|was|were|is|are', 'syg|syge|sick|ill|sengeliggende|forkoelet'],
    notBefore: 'jeg|i|vi|we',
  },
  ['havde|har|had|have', 'gaester|guests|besoeg|company|visitors'],
  ['rescheduled|omlagt|udsat|postponed'],
  [
    'aftalte|aftalt|agreed|arranged',
    'en?',
    'ny|nyt|new|another|anden',
    'tid|tidspunkt|dag|time|day|aftale',
  ],
  [
    'hellere|rather|prefer',
    'en anden dag|senere|another day|later|another time|en anden gang|i morgen|tomorrow',
  ],
];

const NOT_HOME: Spec[] = [
  [
    'ingen|nobody|no one|ikke nogen|not anyone|no body',
    'var|er|was|is|der|at?',
    'hjemme|home|inde|in|there|til stede|around|about',
  ],
  [
    'ingen|nobody|no one|ikke nogen|not anyone|no body',
    'der?',
    'aabnede|aabner|aabne|lukkede op|lukker op|svarede|svarer|reagerede|reagerer|kom|kom ud|opened|answered|responded|came|answers|answer|opens',
  ],
  ['ingen|intet|no|not any', 'svar|answer|response|reaktion|reply|luck'],
  [
    'ikke|ej|not|wasnt|werent|isnt|arent|aint|nobody|no one',
    'nogen|rigtig|really|endnu|yet|lige|at?',
    'hjemme|home|inde|til stede|tilstede|in',
  ],
  ['var|er|was|were|is|are', 'der|there', 'ikke|not'],
  ['wasnt|werent|isnt|arent', 'there'],
  [
    'aabnede|aabner|aabnet|lukkede|lukker|svarede|svarer|reagerede|reagerer',
    'desvaerre|bare?',
    'ikke|ej|aldrig',
    'op|doeren?',
  ],
  [
    'didnt|did not|doesnt|never|wouldnt|nobody|no one',
    'answer|open|respond|come|reply|pick up|open up',
  ],
  [
    'moedte|traf|saa|met|saw|fandt|found|reached|fik fat i|fik fat paa',
    'dem|ham|hende|familien|them|him|her?',
    'ikke|ingen|nobody|no one',
  ],
  [
    'ikke|didnt|did not|couldnt|could not|kunne ikke|never',
    'moedt|moede|meet|see|find|reach|catch|fat i|fat paa|traeffe|finde|fange|traf|moedte',
  ],
  ['fik|har|havde', 'ikke', 'fat i|fat paa|moedt|truffet'],
  [
    'ringede|bankede|ringet|banket|knocked|rang|tried|proevede',
    'paa|on?',
    'doeren|the door|the bell|klokken?',
    'flere gange|several times|twice|to gange|tre gange|igen|again?',
    'men|but?',
    'ingen|intet|nothing|nobody|no one|no answer',
  ],
  ['forgaeves|in vain|no luck|uden held|ingen held'],
  [
    'de|han|hun|familien|they|he|she|the family|beboeren',
    'er|var|is|was|are|were',
    'paa ferie|bortrejst|on holiday|on vacation|away|paa arbejde|at work|out',
  ],
  ['bortrejst'],
  ['der', 'var|er|was|is', 'ingen|ikke nogen|nobody|no one|noone'],
  ['ingen|no', 'kontakt|contact'],
  ['kom|came', 'ikke|not', 'til doeren|to the door|ud|ned|hen til doeren|out'],
  // "Jonas was out", "familien Christensen var på ferie": the household's name is the subject.
  {
    slots: [
      'var|er|was|were|is|are',
      'paa ferie|bortrejst|on holiday|on vacation|away|paa arbejde|at work|out|not in|not there|ude at rejse|ude og rejse|paa rejse|i udlandet|abroad|travelling|traveling',
    ],
    notBefore: 'jeg|i|vi|we|you|du|mappen|folder|the folder',
  },
];

const MET: Spec[] = [
  {
    slots: ['moedte|moedt|moedtes|traf|truffet|met', 'jeg|i?', `${PERSON}?`],
    notBefore: 'skal|vil|skulle|will|going to|to|gerne|at|ikke|didnt|never',
  },
  {
    slots: [
      'snakkede|snakket|snakker|sludrede|sludret|hyggede|hygget|chattede|chattet|talked|spoke|chatted|talte',
      'lidt|kort|laenge|godt|a bit|briefly|for a while|for a bit?',
      'med|to|with?',
      `${PERSON}?`,
    ],
    notBefore: 'skal|vil|will|to|ikke|didnt|never',
  },
  ['drak|fik|had|drank|over|til', 'en|a?', 'kop|cup of|cup?', 'kaffe|te|coffee|tea|cuppa'],
  ['var|kom|blev|was|were|got|came|went', 'inviteret|invited|budt?', 'inde|indenfor|ind|inside'],
  [
    'inviterede|inviteret|invited',
    'mig|os|me|us?',
    'ind|indenfor|in|inside|paa kaffe|til kaffe|for coffee|for tea',
  ],
  { slots: ['lukkede|lukker', 'doeren?', 'op'], notBefore: 'ingen|nobody|ikke', notAfter: 'ikke' },
  {
    slots: ['aabnede|aabner|opened|answered|svarede', 'doeren|the door|door?'],
    notBefore: 'ingen|nobody|no one|ikke|not|didnt|never',
    notAfter: 'ikke|not|aldrig',
  },
  {
    slots: [
      'var|er|vaeret|was|were|is|are|been',
      'rigtig|heldigvis|endelig|faktisk|also|ogsaa|actually|finally|begge|both|all?',
      'hjemme|home',
    ],
    notBefore: 'ikke|not|nobody|ingen|no one',
  },
  { slots: ['hjemme|home', 'og|and'], notBefore: 'ikke|not|nobody|ingen|no one|nogen' },
  [
    'tog|took|tager',
    'rigtig|godt|paent|well|so|very?',
    'godt|well|kindly|imod|imod mig|me in|in',
    'imod?',
  ],
  [
    'glad|glade|happy|pleased|thrilled|begejstrede|begejstret',
    'for|with|about|over',
    'besoeget|besoeg|mappen|velkomstmappen|gaven|the visit|the folder|the gift|gavekortet',
  ],
  [
    SUBJECT,
    'var|er|virkede|was|were|seemed|is|are|looked|seem',
    'rigtig|meget|super|very|so|really|virkelig|totally?',
    'soede|soed|flinke|flink|rare|rar|venlige|venlig|glade|glad|nice|lovely|friendly|kind|sweet|happy|hyggelige|hyggelig|imoedekommende|welcoming|taknemmelige|thankful|grateful|super soede|soooo nice',
  ],
  {
    // "Mikkel og Sara var rigtig søde": the household's names are the subject.
    slots: [
      'var|er|virkede|was|were|seemed',
      'rigtig|meget|super|very|so|really|virkelig|totally?',
      'soede|soed|flinke|flink|rare|rar|venlige|venlig|glade|glad|nice|lovely|friendly|kind|sweet|happy|hyggelige|hyggelig|imoedekommende|welcoming',
    ],
    notBefore: 'jeg|i|vi|we|du|you|naboen|naboerne|the neighbour|the neighbor',
  },
  [
    'god|godt|hyggelig|hyggeligt|dejlig|dejligt|lang|kort|fin|fint|super|nice|good|great|lovely|short|long|quick|rigtig god|rigtig hyggelig',
    'snak|sludder|besoeg|moede|chat|talk|visit|conversation|samtale|kop kaffe',
  ],
  ['fik', 'en', 'snak|sludder|god snak|kop kaffe'],
  [
    'besoeget|visit|the visit|det',
    'gik|went',
    'rigtig|super|really|very?',
    'godt|fint|super|well|great|fine',
  ],
  {
    // "Sara og Mikkel: gik godt"; not "det gik godt med mappen".
    slots: ['gik|went', 'rigtig|super|really|very?', 'godt|fint|super|well|great'],
    notBefore: 'det|it|alt|all|ikke|not|som|as|that|mappen',
    notAfter: 'med|with',
  },
  ['hilste|hilst', 'paa|on?', `${PERSON}?`],
  ['said', 'hi|hello'],
  ['gav|gave|handed|overrakte|rakte|afleverede', `${PERSON}`],
  [
    'gav|gave|handed|overrakte|afleverede|aflevere|rakte',
    'mappen|velkomstmappen|folderen|the folder|den|it|the pack',
    'til|to',
    `${PERSON}`,
  ],
  ['personligt|in person|personally|face to face'],
  {
    // "har besøgt Sara og Mikkel": a visit told as done; "prøvede at besøge" is not.
    slots: ['besoegte|visited', `${PERSON}?`],
    notBefore: 'ikke|never|proevede at|forsoegte at|tried to',
  },
  { slots: ['har|have|has', 'besoegt|visited'], notAfter: 'ikke|not' },
];

const AGREED: Spec[] = [
  [
    'aftalte|aftalt|vi aftalte|agreed|arranged|aftale med dem|lavede en aftale|made an appointment|booked',
  ],
];

export const OUTCOME_PHRASES: readonly {
  kind: OutcomeSignalKind;
  phrases: readonly CompiledPhrase[];
}[] = [
  // Order matters: a phrase consumes its words, so negated and compound phrases come first
  // ("ikke hjemme" before "var hjemme", "lukkede døren" before "lukkede op").
  { kind: 'moved', phrases: MOVED.map(compile) },
  { kind: 'declined', phrases: DECLINED.map(compile) },
  { kind: 'postponed', phrases: POSTPONED.map(compile) },
  { kind: 'not_home', phrases: NOT_HOME.map(compile) },
  { kind: 'met', phrases: MET.map(compile) },
  { kind: 'agreed', phrases: AGREED.map(compile) },
];

// ---- The welcome folder ----------------------------------------------------------------------

const FOLDER_NOUN =
  'mappe|mappen|mapper|mapperne|velkomstmappe|velkomstmappen|velkomstmapper|folder|folderen|folders|foldere|welcome folder|welcome pack|welcome packet|welcome package|pack|packet|pakke|pakken|velkomstpakke|velkomstpakken|brochure|brochuren|brochurer|pjece|pjecen|pjecer|materiale|materialet|infomateriale|infomaterialet|info pack|welcome bag|velkomstbrev|velkomstbrevet';
const ARTICLE = 'the|a|an|en|et|din|min|deres|their|our|vores|jeres|velkomst?';
const LEAVE_VERB =
  'lagde|lagt|laegger|laegge|smed|smidt|smider|smide|puttede|puttet|putte|afleverede|afleveret|aflevere|afleverer|gav|givet|give|giver|efterlod|efterladt|efterlade|droppede|droppet|left|leave|dropped|drop|put|posted|post|delivered|deliver|gave|give|handed|slipped|popped|stuck|pushed|shoved|placed|hung|haengte|stak|stukket|overrakte|rakte|fik|got|received|modtog|tog imod|accepted';
const LEAVE_VERB_BARE =
  'lagt|lagde|laegge|smidt|smide|afleveret|aflevere|givet|give|leave|left|drop|dropped|put|deliver|delivered|post|posted|hand|handed|puttet|putte|efterladt|efterlade|slip|slipped';
const MAILBOX = 'postkassen|mailbox|brevspraekken|mail slot|mailslot|postkasse|letter box';
const LOCATION_PREP = 'i|in|ind ad|ind i|gennem|through|into|ned i|i deres|in their|in the';
const CARD = [
  'og|and|med|with|plus|samt?',
  'mit|my|et|a|an|lille|mine?',
  'visitkort|kort|card|business card|cards|visitkortet?',
];

/** The folder was not left: negations, forgetting, running out, taking it home again. */
export const FOLDER_NOT_LEFT_PHRASES: readonly CompiledPhrase[] = [
  [LEAVE_VERB, 'ikke|not|aldrig|never|ingen', '~1', FOLDER_NOUN],
  [
    'ikke|didnt|did not|havent|have not|hadnt|couldnt|could not|never|aldrig|not|wasnt able to|kunne ikke|naaede ikke|fik ikke',
    'faaet|naaet|got to|get to?',
    LEAVE_VERB_BARE,
    ARTICLE,
    `${FOLDER_NOUN}|anything|noget|it|den|nogen?`,
  ],
  ['uden|without|ingen|no|not any|ikke nogen|ikke noget|zero', ARTICLE, FOLDER_NOUN],
  ['har|havde|had|have|has', 'ikke|no|not', 'nogen|any|flere|more|the|en|et|mine?', FOLDER_NOUN],
  [
    'didnt|did not|dont|do not|havent|hadnt',
    'have|bring|take|got|carry',
    ARTICLE,
    'any?',
    FOLDER_NOUN,
  ],
  ['glemte|glemt|forgot|forgotten|forget|glemmer', '~2', FOLDER_NOUN],
  ['loebet|loeb|ran|run|running', 'toer|out', 'for|of', '~1', FOLDER_NOUN],
  ['ikke|no', 'flere|more', FOLDER_NOUN],
  ['out of', FOLDER_NOUN],
  ['har|have|has|had|havde', 'stadig|still', ARTICLE, FOLDER_NOUN],
  ['har|havde|have|has', ARTICLE, FOLDER_NOUN, 'endnu|stadig|still'],
  [
    'tog|took|bragte|brought',
    ARTICLE,
    `${FOLDER_NOUN}|den|it`,
    'med|with me?',
    'hjemme|tilbage|back|igen|home',
  ],
  ['kept|beholdt|beholder', ARTICLE, FOLDER_NOUN],
  [
    'ville|vil|gad|would|wanted|did',
    'ikke|not',
    'have|tage|modtage|take|accept|receive|tage imod|tage imod',
    ARTICLE,
    FOLDER_NOUN,
  ],
  ['wouldnt|didnt|did not|dont', 'want|take|accept', ARTICLE, 'any?', FOLDER_NOUN],
  ['tog|took', 'ikke|not', 'imod?', ARTICLE, FOLDER_NOUN],
  ['afviste|declined|refused|rejected', ARTICLE, FOLDER_NOUN],
  ['takkede|sagde|said', 'nej|no', 'tak|thanks?', 'til|to', ARTICLE, FOLDER_NOUN],
  ['left|efterlod|lagde|smed', 'nothing|intet|ikke noget|ingenting'],
  ['didnt|did not', 'leave|drop', 'anything|nothing|a thing'],
  [FOLDER_NOUN, 'ligger|er|is', 'stadig|still', 'hos mig|her|with me|i min taske|in my bag'],
].map(compile);

/** Where the folder went when a message reports several households ("begge steder"). */
const EVERY_DOOR =
  'i begge|in both|hos begge|hos dem begge|begge steder|begge|both|both places|alle steder|everywhere';

/** The folder was left: handed over, put in the mailbox, or simply mentioned in a report. */
export const FOLDER_LEFT_PHRASES: readonly CompiledPhrase[] = [
  // "mappe lagt begge steder", "lagde mapper begge steder", "folders left in both".
  [
    FOLDER_NOUN,
    'er|blev|was|were?',
    LEAVE_VERB_BARE,
    `${LOCATION_PREP}?`,
    `${MAILBOX}?`,
    EVERY_DOOR,
  ],
  [LEAVE_VERB, '~2', FOLDER_NOUN, `${LOCATION_PREP}?`, `${MAILBOX}?`, EVERY_DOOR],
  [
    LEAVE_VERB,
    '~3',
    FOLDER_NOUN,
    ...CARD,
    `${LOCATION_PREP}?`,
    `${MAILBOX}|doeren|the door|door|doerhaandtaget|doorstep|doormat|doermaatten?`,
  ],
  [
    LEAVE_VERB,
    'den|det|it|them|dem|en|one',
    LOCATION_PREP,
    'the|their|deres?',
    `${MAILBOX}|doeren|the door|door|doerhaandtaget|doorstep|doormat`,
  ],
  [ARTICLE, FOLDER_NOUN, ...CARD, '~2', LOCATION_PREP, 'the|their|deres?', `${MAILBOX}`],
  [
    LEAVE_VERB,
    '~2',
    'visitkort|kort|card|business card',
    'og|and|med|with|plus|samt',
    ARTICLE,
    FOLDER_NOUN,
  ],
  [LOCATION_PREP, 'the|their|deres?', MAILBOX],
  [ARTICLE, FOLDER_NOUN, ...CARD],
].map(compile);

/**
 * A business card left on its own is not the folder: these phrases are recognised (so the
 * mailbox in "lagde visitkort i postkassen" is not read as the folder) but decide nothing.
 */
export const CARD_ONLY_PHRASES: readonly CompiledPhrase[] = [
  [
    LEAVE_VERB,
    '~2',
    'visitkort|visitkortet|kort|card|business card|cards|seddel|note',
    `${LOCATION_PREP}?`,
    `the|their|deres?`,
    `${MAILBOX}|doeren|the door|door?`,
  ],
].map(compile);

// ---- Return visits ---------------------------------------------------------------------------

/** Words that say a later visit is planned; a date in the same clause is then a revisit date. */
export const REVISIT_CUE_PHRASES: readonly CompiledPhrase[] = [
  [
    'kommer|komme|kom|kigger|kigge|proever|proeve|proev|forsoeger|forsoege|gaar|gaa|tager|tage|ringer|ringe|banker|smutter|smutte|vender|vende|skal|skulle|kan',
    'derhen|derover|forbi|over|ud|lige?',
    'igen|tilbage|forbi|en anden dag|en anden gang|senere|derhen|derover|retur',
  ],
  [
    'proever|proeve|proev|forsoeger|forsoege|try|trying|will try|retry|retrying|gonna try|going to try',
  ],
  [
    'skal|skulle|vil|will|gonna|going to|planning to|plan to|kommer|kommer til at',
    'derhen|derover|forbi|komme|kigge|besoege|proeve|go|come|visit|try|see|be|pop|stop|swing|drop|head|knock|ring',
    'back|tilbage|igen|again|by|over|round|forbi|derhen?',
  ],
  [
    'kom|come',
    'igen|tilbage|back|again',
    'en anden dag|en anden gang|senere|later|another day|another time',
  ],
  [
    'kommer|proever|gaar|kigger|ringer|banker|tager',
    'jeg|vi',
    'derhen|derover|forbi|over?',
    'igen|tilbage|forbi|derhen|derover',
  ],
  [
    'kommer|vender|come|coming|going|go|be|pop|swing|head|stop|drop|popping|swinging|heading',
    'back|tilbage|again|by|over|round|around',
  ],
  [
    'revisit|revisiting|follow up|followup|opfoelgning|genbesoeg|nyt besoeg|new visit|another visit|return|returning|retur|next visit|naeste besoeg',
  ],
  [
    'aftalt|aftalte|aftale|agreed|arranged|appointment|ny aftale|ny tid|booked|vi ses|ses|see them|see you|see her|see him|meet them|moede dem|moedes|skal moede|meeting them',
  ],
  [
    'senere|later|en anden dag|en anden gang|another day|another time|some other time|some other day',
  ],
].map(compile);

// ---- Words that mark a message as being about a visit ----------------------------------------

export const VISIT_WORD_PHRASES: readonly CompiledPhrase[] = [
  [
    'ringede|ringet|bankede|banket|knocked|rang|knock|ring|ringer|banker',
    'paa|on?',
    'doeren|klokken|the door|the bell|the doorbell|door|bell|doerklokken|doertelefonen|hos dem|hos?',
  ],
  ['besoeg|besoeget|besoegt|besoegte|besoege|visit|visited|visiting|besoegene|visits'],
  ['doer|doeren|door|doerklokke|doertelefon|doertelefonen|doorbell|intercom'],
  ['var|were|was|went|gik|tog|been', 'derhen|derover|forbi|over|by|der|there'],
  [
    'tilflytter|tilflytteren|tilflytterne|tilflyttere|nye beboere|new residents|the new residents|new neighbours|new neighbors|de nye',
  ],
  ['status|update|opdatering', 'paa|on?'],
  [
    'er|var|are|were|have|has|just',
    'lige|nyligt|netop|just|recently?',
    'flyttet ind|flyttet hertil|moved in|moved here',
  ],
].map(compile);

/** Words that only said a report is a correction ("rettelse:", "sorry, I meant"). */
export const CORRECTION_PHRASES: readonly CompiledPhrase[] = [
  ['rettelse|correction|korrektion|min fejl|my bad|my mistake'],
  ['sorry|undskyld|soz|ups|oops|hov|hovsa|whoops', 'jeg|i?', 'mente|meant|mener|mean'],
  ['jeg mente|i meant|mente jeg|meant to say|i mean|jeg mener'],
  [
    'skulle have vaeret|skulle vaere|should be|should have been|should have said|skulle have skrevet',
  ],
  ['det var forkert|that was wrong|forkert info|wrong info'],
].map(compile);

/** Words that open a correction when they start the message. */
export const CORRECTION_OPENERS: ReadonlySet<string> = new Set([
  'rettelse',
  'correction',
  'korrektion',
  'ups',
  'oops',
  'hov',
  'hovsa',
  'whoops',
  'faktisk',
  'actually',
  'wait',
  'vent',
]);

function compile(spec: Spec): CompiledPhrase {
  return compilePhrase(
    Array.isArray(spec) ? { slots: spec as readonly string[] } : (spec as PhraseSpec),
  );
}

/** Every word the phrase tables use: the typo matcher may map unknown words onto these. */
export const PHRASE_WORDS: readonly string[] = [
  ...OUTCOME_PHRASES.flatMap((group) => group.phrases.flatMap((p) => p.words)),
  ...FOLDER_NOT_LEFT_PHRASES.flatMap((p) => p.words),
  ...FOLDER_LEFT_PHRASES.flatMap((p) => p.words),
  ...REVISIT_CUE_PHRASES.flatMap((p) => p.words),
  ...VISIT_WORD_PHRASES.flatMap((p) => p.words),
  ...CORRECTION_PHRASES.flatMap((p) => p.words),
];
