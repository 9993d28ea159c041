import type { Flow } from '../core/flow.js';
import { availabilityFlow } from './availability.js';
import { menuFlow } from './menu.js';
import { reportVisitFlow } from './report-visit.js';
import { revisitReminderFlow } from './revisit-reminder.js';

/** Every flow the bot can hold; adapters pass this list to createBot. */
export const allFlows: readonly Flow[] = [
  menuFlow,
  reportVisitFlow,
  availabilityFlow,
  revisitReminderFlow,
];
