import type { CheckIn, CheckInFlag, Person } from '../../models/types.js';
import type { Choice, OutboundMessage } from '../core/outbound.js';
import type { Catalog } from '../i18n/catalog.js';
import { firstName } from '../meetings/access.js';

/** The flow the alert's buttons go to (the coordinator's side of check-ins). */
export const CHECK_IN_COORDINATOR_FLOW_NAME = 'check-in-coordinator';

/**
 * What the coordinator is told at once when an answer needs them. Only the flag and the first
 * name travel in the alert; the answers themselves are one tap away ("Læs svarene").
 */
export function alertMessage(
  checkIn: CheckIn,
  ambassador: Person,
  flag: CheckInFlag,
  text: Catalog,
): OutboundMessage {
  const name = firstName(ambassador.name);
  const read: Choice = {
    label: text.readAnswersButton(),
    action: { flow: CHECK_IN_COORDINATOR_FLOW_NAME, step: 'show', value: checkIn.id },
  };
  switch (flag) {
    case 'low_score':
      return { text: text.alertLowScore(name, checkIn.score ?? 0), choices: [read] };
    case 'wants_talk':
      return { text: text.alertWantsTalk(name), choices: [read] };
    case 'fewer_visits': {
      const capacity = ambassador.monthlyCapacity;
      return {
        text: text.alertFewerVisits(name, capacity),
        choices: [
          {
            label: text.lowerCapacityButton(Math.max(0, capacity - 1)),
            action: {
              flow: CHECK_IN_COORDINATOR_FLOW_NAME,
              step: 'capacity',
              value: `${checkIn.id}:lower`,
            },
            style: 'primary',
          },
          {
            label: text.keepCapacityButton(capacity),
            action: {
              flow: CHECK_IN_COORDINATOR_FLOW_NAME,
              step: 'capacity',
              value: `${checkIn.id}:keep`,
            },
          },
          read,
        ],
      };
    }
  }
}
