import type { VisitWithResident } from '../../models/types.js';
import { householdSection } from './my-visits.js';
import type { OutboundMessage } from '../core/outbound.js';
import { householdAddress, householdName } from './households.js';
import type { Catalog } from '../i18n/catalog.js';
import { formatDay, type Locale } from '../i18n/locale.js';

/** Buttons of a revisit reminder: `revisit` / `today|later|close` / `<visitId>[:<days>]`. */
export const REVISIT_FLOW = 'revisit';
/** "Remind me in N days" offers this N. */
export const SNOOZE_DAYS = 2;

export function revisitReminderMessage(
  text: Catalog,
  locale: Locale,
  visit: VisitWithResident,
): OutboundMessage {
  const resident = visit.resident;
  return {
    residentData: true,
    text: text.revisitReminder(householdName(resident.names, locale), householdAddress(resident)),
    choices: [
      {
        label: text.revisitTodayButton(),
        action: { flow: REVISIT_FLOW, step: 'today', value: visit.id },
        style: 'primary',
      },
      {
        label: text.revisitLaterButton(SNOOZE_DAYS),
        action: { flow: REVISIT_FLOW, step: 'later', value: `${visit.id}:${SNOOZE_DAYS}` },
      },
      {
        label: text.revisitCloseButton(),
        action: { flow: REVISIT_FLOW, step: 'close', value: visit.id },
      },
    ],
  };
}

/** To the ambassador: nobody has tried this door yet. Comes with the report buttons. */
export function firstAttemptNudgeMessage(
  text: Catalog,
  locale: Locale,
  zone: string,
  visit: VisitWithResident,
): OutboundMessage {
  const resident = visit.resident;
  return {
    residentData: true,
    text: text.firstAttemptNudge(
      householdName(resident.names, locale),
      householdAddress(resident),
      formatDay(resident.moveInDate.toISOString().slice(0, 10), locale, zone),
    ),
    sections: [householdSection(text, locale, visit)],
  };
}

/** To a coordinator: the second deadline passed without a try at the door. */
export function firstAttemptEscalationMessage(
  text: Catalog,
  locale: Locale,
  visit: VisitWithResident,
  ambassadorName: string,
  daysSinceMoveIn: number,
): OutboundMessage {
  const resident = visit.resident;
  return {
    text: text.firstAttemptEscalation(
      householdName(resident.names, locale),
      householdAddress(resident),
      ambassadorName,
      daysSinceMoveIn,
    ),
  };
}
