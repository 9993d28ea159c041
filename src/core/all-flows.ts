import type { Flow } from './flow.js';
import { availabilityFlow } from '../corps/availability.js';
import { agreementFlow } from '../corps/agreement.js';
import { corpsFlow } from '../corps/corps-commands.js';
import { followUpFlow } from '../follow-ups/follow-ups-flow.js';
import { listUploadFlow } from '../resident-list/list-upload.js';
import { welcomeFolderFlow } from '../welcome-folder/welcome-folder-flow.js';
import { checkInConversationFlow } from '../check-ins/conversation-flow.js';
import { checkInCoordinatorFlow } from '../check-ins/coordinator-flow.js';
import { meetingAgendaFlow } from '../meetings/agenda-flow.js';
import { meetingRunFlow } from '../meetings/run-flow.js';
import { menuFlow } from './help.js';
import { privacyRequestsFlow } from '../privacy/privacy-requests.js';
import { reportVisitFlow } from '../visits/report-visit.js';
import { revisitReminderFlow } from '../visits/revisit-reminder.js';
import { statusFlow } from '../status/status-flow.js';
import { programmeReportFlow } from '../programme-report/report-flow.js';
import { eventsFlow } from '../events/events-flow.js';
import { accompanimentFlow } from '../accompaniment/accompaniment-flow.js';
import { extraRolesFlow } from '../corps/extra-roles.js';

/** Every flow the bot can hold; adapters pass this list to createBot. */
export const allFlows: readonly Flow[] = [
  menuFlow,
  reportVisitFlow,
  availabilityFlow,
  revisitReminderFlow,
  // A new ambassador's first message gets the welcome and the agreement; then the coordinator's
  // corps, list, folder and follow-up commands, and ambassadors' questions about the folder.
  agreementFlow,
  extraRolesFlow,
  corpsFlow,
  // Before the welcome folder, which reads "program…" as its activity programme.
  programmeReportFlow,
  listUploadFlow,
  // Before the folder: a bare «arrangementer» is the ambassadors' own events; a question about
  // the neighbourhood's activities («hvilke arrangementer er der?») still reaches the folder.
  eventsFlow,
  accompanimentFlow,
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
