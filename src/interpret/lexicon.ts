/**
 * Word lists. All words are in folded form (lower case, æ→ae, ø→oe, å→aa). Phrase words live in
 * `phrases.ts`; this file holds the everyday words around them. Knowing everyday words matters
 * twice: a known word is never "corrected" into a phrase word by the typo matcher, and a known
 * word is never taken for a resident's name.
 */

/** Written-out numbers people use for counts and "om tre dage" / "in two days". */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['en', 1],
  ['et', 1],
  ['een', 1],
  ['one', 1],
  ['a', 1],
  ['an', 1],
  ['to', 2],
  ['two', 2],
  ['tre', 3],
  ['three', 3],
  ['fire', 4],
  ['four', 4],
  ['fem', 5],
  ['five', 5],
  ['seks', 6],
  ['six', 6],
  ['syv', 7],
  ['seven', 7],
  ['otte', 8],
  ['eight', 8],
  ['ni', 9],
  ['nine', 9],
  ['ti', 10],
  ['ten', 10],
  ['elleve', 11],
  ['eleven', 11],
  ['tolv', 12],
  ['twelve', 12],
  ['fjorten', 14],
  ['fourteen', 14],
  ['femten', 15],
  ['fifteen', 15],
  ['tyve', 20],
  ['twenty', 20],
  ['tredive', 30],
  ['thirty', 30],
]);

export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['mandag', 1],
  ['tirsdag', 2],
  ['onsdag', 3],
  ['torsdag', 4],
  ['fredag', 5],
  ['loerdag', 6],
  ['soendag', 7],
  ['monday', 1],
  ['tuesday', 2],
  ['wednesday', 3],
  ['thursday', 4],
  ['friday', 5],
  ['saturday', 6],
  ['sunday', 7],
  ['man', 1],
  ['tirs', 2],
  ['ons', 3],
  ['tors', 4],
  ['fre', 5],
  ['loer', 6],
  ['soen', 7],
  ['mon', 1],
  ['tue', 2],
  ['tues', 2],
  ['wed', 3],
  ['thu', 4],
  ['thurs', 4],
  ['fri', 5],
  ['sat', 6],
  ['sun', 7],
]);

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['januar', 1],
  ['january', 1],
  ['jan', 1],
  ['februar', 2],
  ['february', 2],
  ['feb', 2],
  ['marts', 3],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['maj', 5],
  ['may', 5],
  ['juni', 6],
  ['june', 6],
  ['jun', 6],
  ['juli', 7],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sep', 9],
  ['sept', 9],
  ['oktober', 10],
  ['october', 10],
  ['okt', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);

/**
 * Chat spellings that stand for other words. Joined forms ("ikkehjemme", "imorgen") are split;
 * "hjem" is read as "hjemme" because in reports it nearly always means "at home".
 */
export const ALIASES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['ik', ['ikke']],
  ['ikk', ['ikke']],
  ['ike', ['ikke']],
  ['ikek', ['ikke']],
  ['ikkr', ['ikke']],
  ['ikkehjemme', ['ikke', 'hjemme']],
  ['ingenhjemme', ['ingen', 'hjemme']],
  ['hjem', ['hjemme']],
  ['hjemm', ['hjemme']],
  ['hjeme', ['hjemme']],
  ['imorgen', ['i', 'morgen']],
  ['imorn', ['i', 'morgen']],
  ['morn', ['morgen']],
  ['imrg', ['i', 'morgen']],
  ['iovermorgen', ['i', 'overmorgen']],
  ['idag', ['i', 'dag']],
  ['igaar', ['i', 'gaar']],
  ['igar', ['i', 'gaar']],
  ['iaften', ['i', 'aften']],
  ['imorges', ['i', 'morges']],
  ['tmrw', ['tomorrow']],
  ['tmr', ['tomorrow']],
  ['tmrrw', ['tomorrow']],
  ['tomoz', ['tomorrow']],
  ['2moro', ['tomorrow']],
  ['2morrow', ['tomorrow']],
  ['2mrw', ['tomorrow']],
  ['tommorow', ['tomorrow']],
  ['tommorrow', ['tomorrow']],
  ['tonite', ['tonight']],
  ['2day', ['today']],
  ['2nite', ['tonight']],
  ['thx', ['thanks']],
  ['thnx', ['thanks']],
  ['tnx', ['thanks']],
  ['ty', ['thanks']],
  ['thanx', ['thanks']],
  ['tusindtak', ['tusind', 'tak']],
  ['mangetak', ['mange', 'tak']],
  ['pls', ['please']],
  ['plz', ['please']],
  ['pliz', ['please']],
  ['w', ['with']],
  ['u', ['you']],
  ['ur', ['your']],
  ['r', ['are']],
  ['em', ['them']],
  ['da', ['da']],
  ['no1', ['nobody']],
  ['noone', ['nobody']],
  ['nobodys', ['nobody']],
  ['nobodies', ['nobody']],
  ['noones', ['nobody']],
  ['nobdy', ['nobody']],
  ['nbdy', ['nobody']],
  ['dont', ['dont']],
  ['didnt', ['didnt']],
  ['didn', ['didnt']],
  ['dident', ['didnt']],
  ['didint', ['didnt']],
  ['wasnt', ['wasnt']],
  ['werent', ['werent']],
  ['isnt', ['isnt']],
  ['arent', ['arent']],
  ['aint', ['aint']],
  ['couldnt', ['couldnt']],
  ['cant', ['cant']],
  ['wont', ['wont']],
  ['ill', ['i', 'will']],
  ['im', ['i', 'am']],
  ['ive', ['i', 'have']],
  ['theyre', ['they', 'are']],
  ['theyve', ['they', 'have']],
  ['shes', ['she', 'is']],
  ['hes', ['he', 'is']],
  ['its', ['it', 'is']],
  ['mdr', ['maaned']],
  ['mnd', ['maaned']],
  ['md', ['maaned']],
  ['mdrs', ['maaned']],
  ['mth', ['month']],
  ['fam', ['familien']],
  ['adr', ['adresse']],
  ['addr', ['address']],
  ['lejl', ['lejlighed']],
  ['ca', ['cirka']],
  ['evt', ['eventuelt']],
  ['ok', ['ok']],
  ['okay', ['ok']],
  ['oki', ['ok']],
  ['okey', ['ok']],
  ['k', ['ok']],
  ['hejhej', ['hej']],
  ['hejsa', ['hej']],
  ['heej', ['hej']],
  ['hii', ['hi']],
  ['hiya', ['hi']],
  ['postkasse', ['postkassen']],
  ['postkassn', ['postkassen']],
  ['pkassen', ['postkassen']],
  ['brevkassen', ['postkassen']],
  ['brevkasse', ['postkassen']],
  ['brevspraekken', ['brevspraekken']],
  ['letterbox', ['mailbox']],
  ['mailbox', ['mailbox']],
  ['letter', ['letter']],
  ['postbox', ['mailbox']],
  ['mappe', ['mappe']],
  ['mapen', ['mappen']],
  ['mappn', ['mappen']],
  ['mapn', ['mappen']],
  ['velkomstmapen', ['velkomstmappen']],
  ['vmappe', ['velkomstmappe']],
  ['haj', ['hej']],
  ['hey', ['hey']],
  ['heyy', ['hey']],
]);

/**
 * Everyday Danish and English words (folded). Not exhaustive: enough that ordinary words in
 * reports keep their identity and are not taken for names.
 */
export const COMMON_WORDS: readonly string[] = `
jeg mig min mit mine du dig din dit dine han ham hans hun hende hendes den det de dem deres vi os vores
i jer jeres man sig sin sit sine nogen noget nogle ingen intet ingenting alle alt andre anden andet
en et og eller men saa at som der her hvor hvad hvem hvorfor hvordan hvornaar hvilken hvilke naar
hvis fordi da mens om til fra med uden paa af for ved hos efter foer under over ind ud op ned
frem tilbage hjemme hjemmefra inde ude oppe nede henne ovre rundt igen ogsaa bare kun lige nu
snart allerede endnu stadig altid aldrig tit ofte lidt meget mere mest mange faa flere
ja nej jo nok vel godt fint super dejligt skidt daarligt ok
er var vaere vaeret bliver blev blevet har havde haft kan kunne skal skulle vil ville maa maatte
gaar gik gaaet kommer kom komme kommet ser saa set siger sagde sagt faar fik faaet tager tog taget
giver gav givet goer gjorde gjort ved vidste tror troede synes syntes hedder hed bor boede boet
lagde laegger lagt ligger laa staar stod
dag dage uge uger maaned maaneder aar morgen aften nat tid gang gange klokken kl
hus huset lejlighed lejligheden bolig boligen opgang opgangen blok blokken etage sal stuen
doer doeren doerklokken klokke klokken ringeklokke doertelefon dortelefonen doertelefonen
trappe trappen gaard gaarden vej gade nummer nr adresse adressen navn navnet skilt skiltet
familie familien familier mand manden kone konen kvinde kvinden dame damen herre herren
mor moren far faren barn boern boernene baby pige dreng par parret aegtepar aegteparret
beboer beboeren beboere beboerne nabo naboen naboer naboerne tilflytter tilflytteren tilflyttere
ny nye nyt gammel gamle aeldre ung unge soed soede flink flinke rar rare glad glade venlig venlige
kaffe te kage kop madklub madklubben faellesspisning faelleshus faelleshuset vaskeri vaskeriet
cafe cafeen gavekort gave chokolade blomst blomster varmemester varmemesteren
varmemesterens telefon telefonnummer nummeret ringe ringede ringet sms mail besked
hjaelp hjaelpe hjalp hjaelper spoergsmaal spurgte spoerge svar svare svarede
godt fint tak tusind mange hej hejsa hallo halloej goddag godmorgen davs mvh hilsen kh vh
desvaerre heldigvis endelig faktisk egentlig vist nok maaske maske sikkert maaske
lol haha hehe xd omg btw fyi jk idk
the a an and or but so then than that this these those there here where what who whom whose why how
when which while if because as at by for from in into of off on onto out over to up down with
without about after before again also just only still yet already even ever never not no yes
i me my mine you your yours he him his she her hers it its we us our they them their
am is are was were be been being have has had do does did done will would shall should can could
may might must get got gotten go went gone come came make made say said see saw seen know knew
think thought take took give gave tell told ask asked try tried leave left put keep kept
day days week weeks month months year today tomorrow yesterday morning evening night time times
home house flat apartment door bell doorbell building block floor stairwell street road number
family man woman lady guy kid kids child children baby couple neighbour neighbor neighbours
new old nice lovely friendly kind happy sad good great bad fine okay sure really very much many
some any all none nothing something anything everything nobody somebody someone anyone everyone
thanks thank please hello hi hey yo cheers sorry
coffee tea cake dinner club food meeting welcome visit visits visited visiting
unfortunately luckily finally actually basically probably maybe perhaps
lejlighed lejligheden etage trappeopgang opgang
fortryd annuller slet sidste seneste fjern undo cancel delete remove last latest
pause pauser ferie orlov holiday vacation genoptag genoptage resume unpause tilbage klar ready
maks max maksimum hoejst maaneden maanedligt monthly month per pr hver each every stk tage take
hjaelp hjaelpen help kommandoer commands menu vejledning liste list oversigt overview visits besoeg
english engelsk dansk danish sprog language skriv write speak tal snak skift switch
`
  .split(/\s+/)
  .filter((w) => w.length > 0);

/**
 * Words that say nothing by themselves: a note made only of these is dropped
 * ("desværre", "men", "jeg", "i dag" …).
 */
export const FILLER_WORDS: ReadonlySet<string> = new Set(
  `
jeg mig du dig han ham hun hende den det de dem vi os man sig i jer min mit mine din dit deres hans hendes
en et og eller men saa at som der her da nu lige bare ogsaa igen kun vel jo nok
er var vaere vaeret har havde haft blev bliver kan kunne skal skulle vil ville maa faar fik
til fra med paa af for ved hos efter om ind ud op ned inde ude
desvaerre heldigvis endelig faktisk egentlig vist maaske ok fint godt super alligevel anyway anyways
hej hejsa hallo halloej goddag godmorgen davs tak tusind mange mvh hilsen kh vh
lol haha hehe xd omg btw fyi
doer doeren doerklokken klokken klokke ringeklokke doertelefon doertelefonen ringede ringet bankede banket
besoeg besoeget besoegt besoegte visit visited visiting
familien beboeren beboerne tilflytteren tilflytterne
status update opdatering
the a an and or but so then that this there it is was were are be been am have has had do did done
i me my you he him she her we us they them their at to in on of for with by from up out
just also again still only really very
hello hi hey yo thanks thank please cheers sorry ok
knocked rang door bell doorbell home
unfortunately sadly finally actually basically
nth
glad glade rigtig meget very really so hjemme home nogen noget anyone anything endnu yet vaek away
lejligheden lejlighed flat apartment manden konen damen kvinden mum mom dad mor far moren faren
back tried proevede politely paent hoefligt venligt maybe maaske second first time anden foerste gang gange
times twice kort lidt bit family kom came went gik derhen there der here
`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);

/** Connectors and greetings that are trimmed from the edges of a note. */
export const NOTE_EDGE_WORDS: ReadonlySet<string> = new Set(
  `og men saa da derefter bagefter and but so then also plus hej hejsa hallo hi hello hey tak thanks
   desvaerre unfortunately sadly heldigvis luckily btw ps`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
