import type { CueDefinition } from './cue-types';

const ING_ACTS =
  'messaging|calling|texting|contacting|following|turning|sending|ringing|waiting|watching|driving|posting|leaving|emailing|visiting|appearing|attending|creating|tracking|monitoring|sitting|parking|phoning|writing|hanging|loitering|coming|showing|asking|begging|pestering|bombarding|harassing|stalking|pursuing|checking|commenting|knocking|banging|lurking|making|going|trying|walking|setting|using|targeting|bothering|hounding|badgering|pleading|demanding';

/**
 * Words that show a course of conduct (the R of FOUR, and the legal requirement of conduct on
 * at least two occasions), what the suspect's state of mind is (Fixated, Obsessive), and that
 * the conduct is Unwanted.
 */
export const CONDUCT_CUES: readonly CueDefinition[] = [
  {
    kind: 'repetition',
    patterns: [
      'again|repeatedly|repeated|repeat|repetitive|repetitively|persistently|persistent|persists|persisted|constantly|constant|continually|continual|continuously|relentlessly|relentless|incessantly|incessant|nonstop|unrelenting|endlessly|regularly|habitually|frequently|ongoing|escalated|escalating|escalation|resumed|resumes',
      'kept|keeps ~1 on ~1 @ing',
      'continued|continues|continue|continuing ~3 to|@ing|unabated',
      'messages|calls|contact|texts|visits|behaviour|conduct|harassment|incidents|problems ~3 continued|continue|continues|persisted|persist|carried',
      'still ~2 ' + ING_ACTS + '|sends|calls|messages|texts|turns|contacts|follows|waits|drives|visits|appears|comes',
      'has|have|had ~1 been ~2 ' + ING_ACTS,
      'non ~1 stop',
      'over ~1 and ~1 over',
      'time|day|night|week|month ~1 after|and ~1 time|day|night|week|month|again',
      'every ~1 day|night|morning|evening|afternoon|week|weekend|time|single|other|few|couple|hour|shift|lunchtime',
      'each ~1 day|night|morning|evening|afternoon|week|weekend|time|hour|shift|lunchtime',
      'daily|nightly|weekly|hourly|everyday',
      'most ~1 days|nights|mornings|evenings|weekends|weeks',
      'all ~1 hours|times',
      'day|days ~1 and ~1 night|nights',
      'around|round ~1 the ~1 clock',
      'throughout ~1 the ~1 day|night|week|weekend|evening',
      'second|third|fourth|fifth|sixth|seventh|several|another|numerous|multiple|many|further|separate|previous|earlier|other|prior|various|repeat|repeated|subsequent|similar ~1 time|times|occasion|occasions|incident|incidents|report|reports|visit|visits|days|nights|evenings',
      'on ~2 @num|separate|different|another|further ~2 occasions|occasion|times|days|nights|dates|evenings|mornings|afternoons|weekends|weekdays|sundays|saturdays',
      '@num ~1 times|occasions|nights|evenings|mornings|afternoons|weekends|days|weeks',
      'twice|thrice',
      'once ~1 again|more',
      'not ~2 first ~1 time|occasion|incident',
      'not|never ~1 stop|stops|stopped|stopping ~1 @ing',
      'has|have ~1 begun|started ~1 to ~1 wait|follow|turn|appear|message|call|text|visit|contact|sit|park|hang|loiter|send|leave|watch|walk|drive|come|ring|email|post',
      'has|have ~1 begun|started ~1 @ing',
      'back ~1 again',
      'history|pattern|campaign|course ~1 of',
      'previously|already ~4 reported|warned|given|issued|served|spoken|told|asked|blocked|contacted|followed',
      'latest|newest|most ~2 recent ~1 in|of|incident',
    ],
  },
  {
    kind: 'repetition',
    patterns: ['keep|keeps|kept|keeping ~2 @ing'],
    notAfter:
      'advised|advice|encouraged|asked|told|together|relationship|married|dated|dating|lived|living|known|cohabiting|employed|worked|working|neighbours|friends|remanded|bailed|sentenced|custody|prison|jailed|banned',
  },
  {
    // How long something has gone on: a course of conduct unless the account says it happened once.
    kind: 'duration',
    patterns: [
      'ever ~1 since',
      'over|during|across|in|within ~1 the ~3 days|weeks|week|months|month|year|fortnight|wks|mths',
      'since ~3 split|separated|separation|broke|break|breakup|relationship|ended|left|moved|christmas|xmas|january|february|march|april|may|june|july|august|september|october|november|december|summer|then|last',
      'for ~3 days|weeks|months|years|fortnight|wks|mths|week|month|year',
    ],
    notAfter:
      'advised|advice|encouraged|asked|told|together|relationship|married|dated|dating|lived|living|known|cohabiting|employed|worked|working|neighbours|friends|remanded|bailed|sentenced|custody|prison|jailed|banned',
  },
  {
    kind: 'quantity',
    patterns: [
      '@num|barrage|stream|string|series|flood|torrent|deluge|volume|hundreds|dozens ~2 of|more|plus|than ~2 message|messages|calls|call|texts|text|emails|letters|voicemails|visits|gifts|notes|posts|accounts|numbers|dms|attempts|missed|comments|profiles|parcels|cards|deliveries|occasions|incidents',
      '@num ~2 message|messages|calls|texts|emails|letters|voicemails|visits|gifts|notes|posts|accounts|numbers|dms|missed|comments|profiles|parcels|cards|deliveries|occasions|incidents|attempts|bouquets',
      'bombarded|bombarding|bombards|flooded|flooding|inundated|inundating|spammed|spamming|hounded|hounding|pestered|pestering|bombard',
      // Several new accounts or numbers are several attempts at contact.
      'fake|new|different|false|anonymous|burner|alias|spoof|spoofed|duplicate|multiple|various|several|random|dummy|ghost|secondary ~2 accounts|profiles|numbers|sims|phones|usernames|handles',
    ],
  },
  {
    kind: 'prior-warning',
    patterns: [
      'harassment ~1 warning|warnings|notice|notices',
      'police ~1 information ~1 notice',
      'cease ~2 desist',
      'restraining ~1 order|orders',
      'stalking ~1 protection ~1 order|orders',
      'spo',
      'despite ~5 warning|warnings|warned|order|told|asked|asking|blocked|blocking|requests|request|pleas|being|her|police|advice',
    ],
  },
  {
    // A court order or bail condition forbids the contact: it is unwanted by definition, but one breach is not a course.
    kind: 'order-breach',
    patterns: [
      'non ~1 molestation',
      'bail ~1 conditions|condition',
      'in ~1 breach ~1 of',
      'breached|breaching|breaches ~3 order|orders|conditions|bail|injunction|spo|nmo',
      'nmo|dvpo|dvpn|injunction|undertaking',
      'prohibited|forbidden|forbids|prohibits|banned|barred|excluded ~3 from ~2 entering|contacting|going|attending|approaching|being|coming|visiting',
    ],
  },
  {
    kind: 'fixation',
    negatable: false,
    patterns: [
      'fixated|fixation|fixates|fixating|infatuated|infatuation|besotted|preoccupied|preoccupation',
      'not|unable|refuses|refused|refusing|refuse|struggling|struggles|failed|fails|never ~3 accept|accepting|accepted ~3 relationship|over|ended|finished|split|break|breakup|separation|that|it|rejection|no|decision',
      'not|unable|refuses|refused|refusing|refuse|struggling|struggles|failed|never ~3 let|letting ~1 go',
      'not|unable|refuses|refused|refusing|struggling|struggles|failed|never ~3 move|moving ~1 on',
      'not|unable|refuses|refused|refusing|never ~3 take|taking ~1 no',
      'not|unable|struggling|struggles|failed|never ~3 get|getting ~1 over ~1 her|him|it|the|v',
      'not|unable|struggling|struggles ~3 come|coming ~1 to ~1 terms',
      'begged|begging|begs|beg|pleaded|pleading|pleads|plead|wants|wanted|wanting|desperate|demanding|demanded|asking|asked|asks|urging|urged|pressuring|pressured|insisting|insisted ~4 reconcile|reconciliation|reconciling|chance|rekindle|marry|forgive|together',
      'back ~1 together',
      'reconcile|reconciliation|reconciling|rekindle',
      'take|taking|have ~1 him|her|me ~1 back',
      'get|getting|got ~1 back ~1 with ~1 @obj',
      'in ~1 love',
      'love|loves|loved|adores|adore ~1 @obj|you',
      'declared|declaring|declares|professing|professed|professes ~2 love|feelings',
      'love ~1 letters|letter|notes|poems',
      'meant ~2 together|be',
      'soulmate|soulmates',
      'soul ~1 mate|mates',
      'if ~2 can ~2 not ~1 have ~2 @obj|you',
      'jealous|jealousy|possessive|possessiveness',
      'who ~2 she|he|v|victim ~2 is|was ~1 seeing|dating|with|sleeping|talking|messaging',
      'asked|asking|asks|ask ~2 @obj ~1 out',
      'wants|wanted|wanting|want ~3 relationship|date|to ~1 be ~1 with',
      'ruined|ruin ~2 his|her|my ~1 life',
      'will|would|never ~2 give ~1 up',
      'wont|will|would|never ~2 leave|let ~3 alone|go',
    ],
  },
  {
    kind: 'obsession',
    negatable: false,
    patterns: [
      'obsessed|obsession|obsessive|obsessively|obsessing|obsesses',
      'every ~1 move',
      'everything ~2 about ~1 her|him|v|victim',
      'shrine|shrines',
      'fake|new|different|false|anonymous|burner|alias|spoof|spoofed|duplicate|other|multiple|various|several|random|dummy|ghost|secondary|more ~2 accounts|profiles|numbers|sims|phones|usernames|handles',
      'get|gets|getting|got ~1 round|around ~2 block|blocks|blocking|blocked',
    ],
  },
  {
    kind: 'unwanted',
    negatable: false,
    patterns: [
      'asked|asks|asking|told|tells|telling|warned|warns|warning|begged|begs|begging|pleaded|pleading|instructed|requested|requesting|informed ~4 stop|leave|alone|not|away|respect|over|finished',
      'made|making|makes ~2 clear',
      'not ~1 want|wish ~3 contact|relationship|him|her',
      'not ~1 want|wish ~1 to ~1 see|hear|speak|talk|be ~2 him|her|them|from|with|contacted|near',
      'not ~1 want|wish ~3 anything ~1 to ~1 do',
      'wants|wanted|want ~1 no ~1 contact|more|part|further|relationship',
      'unwanted|unwelcome|uninvited|unsolicited|unreciprocated|unrequited|nonconsensual',
      'without|against ~2 her|his|v|victim|their|the ~1 consent|permission|knowledge|agreement|wishes|will',
      'changed|changing|change|changes ~2 her|v|victim|their ~1 number|phone|locks|lock|route|routine|job|address|sim|email|hours|shifts|gym|car',
      'moved|moving ~2 house|address|home|out ~3 because|due|to ~1 get|escape|away',
      'changed|changing|change|changes|varied|varies|varying ~1 times|route|routes|routine|buses|trains|gyms|cafes|shifts|her',
      'no ~1 longer ~2 wants|want|wishes|in',
      'leave|left ~2 her|him|them|me|v ~1 alone',
      'refused|refuses|refusing|ignored|ignores|ignoring ~2 to ~2 leave|go|stop',
      'ignored|ignores|ignoring|disregarded|disregarding ~3 request|requests|warnings|warning|pleas|asking|being',
    ],
  },
  {
    kind: 'unwanted',
    patterns: [
      'blocked|blocking|blocks|block ~3 him|his|s|suspect|number|numbers|account|accounts|profile|profiles|everywhere|platforms|social|on|them',
    ],
    notNext: 'in|off|driveway|drive|road|entrance|exit|access',
  },
  {
    kind: 'impact',
    negatable: false,
    patterns: [
      'scared|frightened|afraid|terrified|fearful|petrified|intimidated|unsafe|distressed|panic|paranoid|anxious|anxiety',
      'looking ~1 over ~1 her|his|my ~1 shoulder',
      'not|unable|cannot ~2 sleep|sleeping',
    ],
  },
  {
    kind: 'stalking-language',
    patterns: [
      'stalking|stalked|stalker|stalks|stalk ~2 @obj|her|him|v|victim|by|behaviour|behaviours|again|for|since',
      'being|been|was|is|feels|feel|felt ~1 stalked',
      'stalker|stalkers',
    ],
  },
  {
    // The account was withdrawn or the behaviour turned out to be someone else's.
    kind: 'retraction',
    negatable: false,
    patterns: [
      'now ~3 accepts|accepted|confirms|confirmed|realises|realised|realizes|realized|believes|knows|satisfied|agrees ~6 not|someone|another|similar|different|mistaken|wrong|innocent|unrelated|coincidence',
      'review|reviewing|enquiry|enquiries|inquiry|inquiries|checks|checking ~6 not|someone|another|different|similar|mistaken|innocent|unrelated',
      'mistaken|misidentified|misidentification|misunderstanding|misunderstood',
      'wrong ~1 person|man|male|woman|car|vehicle|number',
      'someone ~1 else|different',
      'another|different ~1 person|man|male|driver|woman',
      'similar ~1 car|vehicle|van|looking',
      'withdrew|withdrawn|withdraws|retracted|retracts ~3 allegation|allegations|complaint|statement|account',
    ],
  },
  {
    kind: 'one-off',
    negatable: false,
    patterns: [
      'one ~1 off',
      'isolated|single|solitary|lone|sole ~1 incident|occasion|event|message|text|call|email|letter|comment|argument|punch|push|slap|altercation|episode|encounter|post|voicemail',
      'only ~2 incident|occasion|time|once|contact|message|call|report',
      'just ~1 once',
      'first ~1 time|incident|occasion|report|contact|instance',
      'no|not|nothing|never|none ~2 previous|prior|history|other|further|past|earlier|similar|subsequent|additional|more ~2 incidents|incident|reports|report|contact|issues|problems|concerns|history|occasions|calls|logs|interaction|interactions|trouble|messages|message|involvement|police',
      'no ~1 history|previous|prior',
      'no ~2 contact|contacts|messages|calls|issues|incidents ~2 since|before|after',
      'has|have|had|was|were ~1 not|never ~4 since',
      'nothing ~4 since|before|previously',
      'not|never ~3 happened ~2 before',
      'never ~3 had|been|reported ~3 problems|issues|trouble|incidents|reports|contact',
      'not ~2 heard|seen ~3 from|of|since',
      'one ~1 message|text|call|email|letter|voicemail|comment',
      'has|have|had ~2 since ~2 apologised|apologized|moved|left|returned|gone|deleted|stopped|calmed',
      'heat|spur ~3 moment',
      'out ~1 of ~1 character',
      'stopped|ceased|ended ~3 contact|contacting|messaging|calling|texting|following',
      'no ~1 concerns|issues ~2 since|with',
    ],
  },
];
