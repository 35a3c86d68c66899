import type { CueDefinition } from './cue-types';

/**
 * Situations that explain words which would otherwise look like stalking: a road-rage chase,
 * a neighbours' boundary row, arranging child contact, chasing a debt, a shop theft, a single
 * drunken argument, a work or business dispute. Finding one does not clear a report; it stops
 * the words it explains from counting on their own (see the detector).
 */
export const CONTEXT_CUES: readonly CueDefinition[] = [
  {
    kind: 'context-road-rage',
    negatable: false,
    patterns: [
      'road ~1 rage',
      'cut|cutting ~2 up',
      'overtook|overtaking|overtake|overtakes|overtaken|undertook|undertaking',
      'tailgated|tailgating|tailgate|tailgates',
      'brake ~1 checked|checking|check',
      'slammed|slamming ~2 brakes',
      'beeped|beeping|beep|horn|horns|honked|honking|hooted|hooting',
      'flashed|flashing ~2 lights|headlights',
      'near ~1 miss',
      'pulled ~2 out ~2 front',
      'collision|junction|roundabout|carriageway|motorway|lane|lanes|traffic|dashcam|slip',
      'middle ~1 finger',
      'driver|drivers|motorist|motorists',
    ],
  },
  {
    kind: 'context-neighbour-dispute',
    negatable: false,
    patterns: [
      'noise|noisy|music|loud|parties|party|bass|banging',
      'parking|parked ~3 space|spaces|bay|outside|across|front|drive|driveway',
      'boundary|boundaries|fence|fences|fencing|hedge|hedges|tree|trees|branches|leylandii|wall|extension|planning|bins|rubbish|litter|bonfire|smoke|gutter|guttering|shed|drain|drains|damp',
      'shared|communal ~1 drive|driveway|wall|garden|access|path|hallway|entrance|stairwell',
      'right ~1 of ~1 way',
      'dog|dogs ~3 barking|bark|barks|fouling|mess|loose',
      'dispute|disputes|disputed|feud|row|rows|squabble',
      'neighbour|neighbours|neighbouring|next ~1 door',
    ],
  },
  {
    kind: 'context-child-arrangements',
    negatable: false,
    patterns: [
      'child|children|kids|son|sons|daughter|daughters|baby|child|childs ~3 contact|arrangements|arrangement|handover|handovers|hand|pick|pickup|collection|collect|drop|access|maintenance|custody|visits|visit|visiting|weekend|weekends|birthday|welfare|school|nursery|doctor|appointment|appointments|clothes|medication|homework|holiday|holidays',
      'contact ~1 arrangements|arrangement|centre|order|weekend|weekends|time|visits',
      'handover|handovers|hand ~1 over|school ~1 run|pick ~1 up|drop ~1 off|collect|collecting|collected',
      'family ~1 court',
      'cafcass|mediation|mediator|coparenting',
      'child ~1 arrangements|maintenance|support',
      'access ~1 to ~2 children|kids|son|daughter|child',
      'see|seeing ~2 the|his|her|their ~1 children|kids|son|daughter|child',
    ],
  },
  {
    kind: 'context-benign-tone',
    negatable: false,
    patterns: [
      'polite|politely|civil|civilly|amicable|amicably|courteous|cordial|calm|calmly|friendly|appropriate|reasonable|respectful|respectfully',
      'no|not|nothing|without|never ~3 abusive|threatening|threats|threat|offensive|aggressive|inappropriate|unpleasant|rude|hostile|intimidating|abuse',
      'practical|logistics|logistical|arrangements',
      'as ~1 arranged|agreed|planned',
      'by ~1 arrangement|agreement',
      'prearranged|preagreed',
    ],
  },
  {
    kind: 'context-debt',
    negatable: false,
    patterns: [
      'debt|debts|debtor|owe|owes|owed|owing|loan|loans|lent|lend|borrowed|repay|repaid|repayment|repayments|arrears|invoice|invoices|bailiff|bailiffs|refund|money',
      'pay|paid|paying|repay ~2 back',
      'pay|paid|paying ~1 rent|bills|bill|debt|deposit',
      'debt ~1 collector|collectors|collection|recovery',
      'enforcement ~1 agent|agents|officer',
      'return|returned|returning|back ~3 belongings|items|property|possessions|stuff|things|ring|car|keys|tv|television|furniture|dog|cat|deposit|console|laptop|phone',
      'who ~2 owns|owned|keeps|kept|gets|paid ~2 for',
      'ownership|belongs|belonged|division|settlement|sale',
    ],
  },
  {
    kind: 'context-retail-theft',
    negatable: false,
    patterns: [
      'shop|shops|store|stores|supermarket|supermarkets|shoplifting|shoplifter|shoplifted|shoplift|till|tills|checkout|aisle|aisles',
      'security ~1 guard|guards|staff|officer',
      'store ~1 detective',
      'without ~1 paying',
      'stole|stolen|steal|stealing|theft|thief|pickpocket|pickpocketed|snatched|burglary|burgled|burglar',
      'bike|bicycle|wallet|purse|handbag|catalytic|parcel',
      'customer|customers|cashier|retail',
    ],
  },
  {
    kind: 'context-single-argument',
    negatable: false,
    patterns: [
      'argument|arguments|argued|arguing|row|disagreement|altercation|scuffle|fight|fighting|squabble|quarrel|heated|shouting|shouted|words',
      'drunk|drunken|intoxicated|alcohol|drink|drinking|drinks|pub|bar|nightclub|club|party|wedding|barbecue|bbq|christening|funeral',
      'in ~1 drink',
      'night ~1 out',
    ],
  },
  {
    kind: 'context-professional',
    negatable: false,
    patterns: [
      'disciplinary|grievance|dismissed|dismissal|sacked|redundancy|redundant|tribunal|appraisal|promotion|hr',
      'customer|client|clients|complaint|complaints|supplier|contractor|builder|builders|tradesman|quote',
      'landlord|tenant|tenancy|letting|eviction|evicted|deposit|council|housing',
      'review|reviews|business|company|firm|shop|restaurant|employer',
      'solicitor|solicitors|court|hearing|proceedings|lawyer|barrister|journalist|reporter|process',
      'councillor|mp|official',
    ],
  },
];
