export { perpetratorJourney } from './journey/journey.workflow';
export { factIntervention } from './journey/intervention.workflow';
export { victimSupport } from './journey/victim-support.workflow';
export { breachMonitoring } from './journey/monitoring.workflow';
export { cautionCompliance } from './journey/compliance.workflow';
export { dailyScreening } from './screening/daily-screening.workflow';
