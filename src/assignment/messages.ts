import type { UnassignedReason } from './assign-households.js';

/**
 * What the scheduled jobs say: the monthly hand-out, the coordinator's summary, revisit
 * reminders and first-visit deadlines. Danish defines the keys; English has the same shape.
 */

/** How a coordinator's summary explains an ambassador who takes no households this month. */
export type ExcludedExplanation = 'paused' | 'left' | 'no_confidentiality' | 'full';
/**
 * Where an ambassador could not be reached: the platform they use, by its name ("Teams"), or
 * nowhere when they are connected to no chat at all.
 */
export type UnreachableOn = { platform: string } | 'nowhere';

export const jobsDa = {
  assignmentIntro: (count: number, month: string): string =>
    count === 1
      ? `🏡 Du har fået 1 ny husstand at byde velkommen (${month}):`
      : `🏡 Du har fået ${count} nye husstande at byde velkommen (${month}):`,
  assignmentFooter: (): string =>
    'Tryk på en knap, når du har været der, eller skriv med dine egne ord, hvordan det gik. Tak! 🙏',
  summaryTitle: (area: string, month: string, assigned: number): string =>
    `📋 Fordeling for ${area}, ${month}: ${assigned} ${assigned === 1 ? 'husstand' : 'husstande'} er fordelt.`,
  summaryAmbassadorLine: (name: string, count: number): string => `• ${name}: ${count}`,
  summaryUnreachable: (on: UnreachableOn): string =>
    on === 'nowhere'
      ? ' — kan ikke nås (ikke forbundet til nogen chat)'
      : ` — kan ikke nås på ${on.platform}`,
  summaryUnassignedTitle: (count: number): string =>
    count === 1 ? '1 husstand er ikke fordelt:' : `${count} husstande er ikke fordelt:`,
  summaryUnassignedLine: (address: string, reason: UnassignedReason): string =>
    `• ${address} — ${reason === 'no_capacity' ? 'ingen ambassadør har plads' : 'ingen aktiv ambassadør'}`,
  summaryMoreUnassigned: (count: number): string => `… og ${count} mere.`,
  summaryExcludedTitle: (): string => 'Ikke med denne gang:',
  summaryExcludedLine: (name: string, why: ExcludedExplanation): string =>
    `• ${name}: ${
      {
        paused: 'holder pause',
        left: 'er stoppet',
        no_confidentiality: 'har ikke bekræftet tavshedspligten',
        full: 'har ikke plads flere denne måned',
      }[why]
    }`,
  summaryNothingNew: (area: string, month: string): string =>
    `📋 Fordeling for ${area}, ${month}: ingen nye husstande at fordele.`,
  revisitReminder: (household: string, address: string): string =>
    `🔔 Tid til et nyt forsøg hos ${household} (${address})? Sidst var de ikke hjemme.`,
  revisitTodayButton: (): string => 'Jeg prøver i dag',
  revisitLaterButton: (days: number): string => `Mind mig om ${days} dage`,
  revisitCloseButton: (): string => 'Afslut – mappen er afleveret',
  revisitToday: (): string => '👍 Godt! Fortæl mig bagefter, hvordan det gik:',
  revisitSnoozed: (day: string): string => `👍 Jeg minder dig om det igen ${day}.`,
  revisitClosedByAmbassador: (household: string): string =>
    `✓ Besøget hos ${household} er afsluttet som «mappe afleveret, ikke mødt». Tak!`,
  revisitNoLongerOpen: (): string =>
    'Det besøg er allerede afsluttet eller ikke længere dit. Skriv «mine besøg» for at se dine.',
  firstAttemptNudge: (household: string, address: string, movedIn: string): string =>
    `⏰ ${household} (${address}) flyttede ind ${movedIn} og har ikke fået besøg endnu. Kan du nå forbi snart?`,
  firstAttemptEscalation: (
    household: string,
    address: string,
    ambassador: string,
    days: number,
  ): string =>
    `⚠️ ${household} (${address}) har ikke fået et besøgsforsøg ${days} dage efter indflytningen. Ambassadør: ${ambassador}.`,
};

export const jobsEn: typeof jobsDa = {
  assignmentIntro: (count, month) =>
    count === 1
      ? `🏡 You have 1 new household to welcome (${month}):`
      : `🏡 You have ${count} new households to welcome (${month}):`,
  assignmentFooter: () =>
    'Tap a button when you have been there, or tell me in your own words how it went. Thank you! 🙏',
  summaryTitle: (area, month, assigned) =>
    `📋 Hand-out for ${area}, ${month}: ${assigned} ${assigned === 1 ? 'household' : 'households'} assigned.`,
  summaryAmbassadorLine: (name, count) => `• ${name}: ${count}`,
  summaryUnreachable: (on) =>
    on === 'nowhere'
      ? ' — cannot be reached (not connected to any chat)'
      : ` — cannot be reached on ${on.platform}`,
  summaryUnassignedTitle: (count) =>
    count === 1 ? '1 household is not assigned:' : `${count} households are not assigned:`,
  summaryUnassignedLine: (address, reason) =>
    `• ${address} — ${reason === 'no_capacity' ? 'no ambassador has room' : 'no active ambassador'}`,
  summaryMoreUnassigned: (count) => `… and ${count} more.`,
  summaryExcludedTitle: () => 'Not included this time:',
  summaryExcludedLine: (name, why) =>
    `• ${name}: ${
      {
        paused: 'on a break',
        left: 'has stopped',
        no_confidentiality: 'has not confirmed the confidentiality duty',
        full: 'has no room left this month',
      }[why]
    }`,
  summaryNothingNew: (area, month) =>
    `📋 Hand-out for ${area}, ${month}: no new households to assign.`,
  revisitReminder: (household, address) =>
    `🔔 Time for another try at ${household} (${address})? Last time nobody was home.`,
  revisitTodayButton: () => "I'll try today",
  revisitLaterButton: (days) => `Remind me in ${days} days`,
  revisitCloseButton: () => 'Close – folder delivered',
  revisitToday: () => '👍 Great! Tell me afterwards how it went:',
  revisitSnoozed: (day) => `👍 I'll remind you again on ${day}.`,
  revisitClosedByAmbassador: (household) =>
    `✓ The visit to ${household} is closed as "folder delivered, not met". Thank you!`,
  revisitNoLongerOpen: () =>
    'That visit is already closed or no longer yours. Write "my visits" to see yours.',
  firstAttemptNudge: (household, address, movedIn) =>
    `⏰ ${household} (${address}) moved in on ${movedIn} and has not had a visit yet. Could you drop by soon?`,
  firstAttemptEscalation: (household, address, ambassador, days) =>
    `⚠️ ${household} (${address}) has had no visit attempt ${days} days after moving in. Ambassador: ${ambassador}.`,
};
