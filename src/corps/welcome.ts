import type { Person } from '../../models/types.js';
import type { Choice, OutboundMessage } from '../core/outbound.js';
import { catalogFor } from '../i18n/catalog.js';
import { localeOf } from '../core/language-and-zone.js';

export const AGREEMENT_FLOW = 'agreement';
export const CONFIRM_STEP = 'confirm';

export function confirmAgreementChoice(person: Person): Choice {
  const text = catalogFor(localeOf(person));
  return {
    label: text.agreementConfirmButton(),
    action: { flow: AGREEMENT_FLOW, step: CONFIRM_STEP, value: person.id },
    style: 'primary',
  };
}

/**
 * The new ambassador's welcome, in their own language: what Nabo is in five lines, and the one
 * thing to do now (confirm the volunteer agreement and the confidentiality duty).
 */
export function welcomeMessage(person: Person, areaName: string): OutboundMessage {
  const text = catalogFor(localeOf(person));
  const firstName = person.name.split(/\s+/)[0] ?? person.name;
  return {
    text: text.ambassadorWelcome(firstName, areaName),
    choices: [confirmAgreementChoice(person)],
  };
}
