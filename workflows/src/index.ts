export { perpetratorJourney, closeJourneySignal } from './journey.workflow';
