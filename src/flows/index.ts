import type { Flow } from '../core/flow.js';
import { availabilityFlow } from './availability.js';
import { agreementFlow } from './agreement.js';
import { corpsFlow } from './corps-commands.js';
import { followUpFlow } from './follow-ups.js';
import { listUploadFlow } from './list-upload.js';
import { welcomeFolderFlow } from './welcome-folder.js';
import { checkInConversationFlow } from './check-in-conversation.js';
import { checkInCoordinatorFlow } from './check-in-coordinator.js';
import { meetingAgendaFlow } from './meeting-agenda.js';
import { meetingRunFlow } from './meeting-run.js';
import { menuFlow } from './help.js';
import { privacyRequestsFlow } from './privacy-requests.js';
import { reportVisitFlow } from './report-visit.js';
import { revisitReminderFlow } from './revisit-reminder.js';
import { statusFlow } from './status.js';

/** Every flow the bot can hold; adapters pass this list to createBot. */
export const allFlows: readonly Flow[] = [
  menuFlow,
  reportVisitFlow,
  availabilityFlow,
  revisitReminderFlow,
  // A new ambassador's first message gets the welcome and the agreement; then the coordinator's
  // corps, list, folder and follow-up commands, and ambassadors' questions about the folder.
  agreementFlow,
  corpsFlow,
  listUploadFlow,
  welcomeFolderFlow,
  followUpFlow,
  // Meetings, check-ins and status claim only their own commands.
  meetingRunFlow,
  meetingAgendaFlow,
  checkInCoordinatorFlow,
  statusFlow,
  privacyRequestsFlow,
  // Takes free text while a check-in question is open: keep it last, so a command written
  // mid-check-in still reaches its own flow.
  checkInConversationFlow,
];
