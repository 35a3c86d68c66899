import type { ActKind, ContextKind } from './detector-types';

/** Plain words for each act associated with stalking (Protection from Harassment Act 1997 s2A(3)). */
export const ACT_TEXT: Record<ActKind, string> = {
  'act-following': 'Following: the suspect followed the victim or turns up wherever they go.',
  'act-contact':
    'Contacting or trying to contact the victim by any means (messages, calls, letters, gifts, new accounts or numbers, through other people).',
  'act-publishing': 'Publishing material about the victim, or pretending to be them, or threatening to share private images.',
  'act-monitoring':
    'Monitoring the victim: tracking device, location sharing, going through their phone or accounts, or knowing where they are without being told.',
  'act-loitering': 'Loitering: waiting, sitting or turning up outside the victim’s home, work or other places they use.',
  'act-property':
    'Interfering with the victim’s property: damage, items left on the car or doorstep, post or belongings taken, entry without consent.',
  'act-watching': 'Watching or spying on the victim: staring, filming or photographing them, looking into windows.',
};

/** Plain words for each situation that explains stalking-like words away. */
export const CONTEXT_TEXT: Record<ContextKind, string> = {
  'context-road-rage':
    'Reads as a road-rage incident between drivers: following a vehicle after an incident on the road is not stalking the person.',
  'context-neighbour-dispute':
    'Reads as a neighbour dispute (noise, parking, boundaries): harassment or anti-social behaviour rather than stalking unless there is fixation or following.',
  'context-child-arrangements':
    'The contact is about child arrangements (handovers, contact weekends, school): contact for that purpose is not an act of stalking on its own.',
  'context-debt':
    'The contact is about money owed: chasing a debt is harassment at most unless there is fixation or other stalking behaviour.',
  'context-retail-theft': 'Reads as a theft or shop incident: staff or suspects following in that setting is not stalking.',
  'context-single-argument': 'Reads as a single argument or drunken incident.',
  'context-professional': 'Reads as a work, business, housing or legal dispute: contact for that purpose is not stalking on its own.',
};
