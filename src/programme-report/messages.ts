/**
 * The programme report's words: column headings (long for CSV and XLSX, short for the chat
 * table), the chart's titles and legend, and the lines around it. Danish defines the keys;
 * English has the same shape. Figures only: no sentence here ever takes a name or an address.
 */
export const programmeReportDa = {
  programmeReportTitle: (areaName: string, period: string): string =>
    `Naboambassadører i ${areaName}, ${period}`,
  programmeReportPeriod: (from: string, to: string): string =>
    from === to ? from : `${from} – ${to}`,
  programmeReportHouseholdsPanel: (): string =>
    'Tilflyttere efter udfald (efter indflytningsmåned)',
  programmeReportSpeedPanel: (deadlineDays: number): string =>
    `Dage fra indflytning til første forsøg (median), frist ${deadlineDays} dage`,
  programmeReportActivityPanel: (): string => 'Ambassadører og møder',
  programmeReportDeadline: (days: number): string => `Frist: ${days} dage`,
  programmeReportFootnote: (): string =>
    '«<5»: færre end 5 husstande, vises ikke. Tom: intet at vise. Kun tal, ingen navne.',
  programmeReportArea: (): string => 'Område',
  programmeReportMonth: (): string => 'Måned',
  programmeReportMovedIn: (): string => 'Flyttet ind',
  programmeReportVisited: (): string => 'Besøgt',
  programmeReportMet: (): string => 'Mødt',
  programmeReportFolderOnly: (): string => 'Kun mappe',
  programmeReportDeclined: (): string => 'Sagde nej tak',
  programmeReportNotReached: (): string => 'Ikke truffet',
  programmeReportInProgress: (): string => 'I gang',
  programmeReportContactRate: (): string => 'Kontaktrate (%)',
  programmeReportMedianDays: (): string => 'Median dage til første forsøg',
  programmeReportDeadlineDays: (): string => 'Frist for første forsøg (dage)',
  programmeReportActiveAmbassadors: (): string => 'Aktive ambassadører',
  programmeReportMeetingsHeld: (): string => 'Netværksmøder holdt',
  programmeReportCheckInsHeld: (): string => 'Samtaler holdt',
  programmeReportAccompanimentsOffered: (): string => 'Følgeskab tilbudt',
  programmeReportWentTogether: (): string => 'Fulgtes ad',
  programmeReportShortMonth: (): string => 'Md.',
  programmeReportShortMovedIn: (): string => 'Ind',
  programmeReportShortVisited: (): string => 'Bes',
  programmeReportShortMet: (): string => 'Mødt',
  programmeReportShortFolderOnly: (): string => 'Mappe',
  programmeReportShortDeclined: (): string => 'Nej',
  programmeReportShortNotReached: (): string => 'Ikke',
  programmeReportShortInProgress: (): string => 'I gang',
  programmeReportShortContactRate: (): string => 'Kont%',
  programmeReportShortMedianDays: (): string => 'Dage',
  programmeReportShortActiveAmbassadors: (): string => 'Amb',
  programmeReportShortMeetingsHeld: (): string => 'Møder',
  programmeReportShortCheckInsHeld: (): string => 'Samt',
  programmeReportShortAccompanimentsOffered: (): string => 'Følg',
  programmeReportShortWentTogether: (): string => 'Fulgt',
  programmeReportAreaHeading: (areaName: string, period: string, deadlineDays: number): string =>
    `${areaName}, ${period} (frist for første forsøg: ${deadlineDays} dage)`,
  programmeReportTableLegend: (): string =>
    'Ind = flyttet ind, Bes = besøgt, Mappe = kun mappe, Nej = sagde nej tak, Ikke = ikke truffet, Kont% = kontaktrate, Dage = median dage fra indflytning til første forsøg, Amb = aktive ambassadører, Samt = samtaler, Følg = følgeskab tilbudt, Fulgt = fulgtes ad.',
  programmeReportAltText: (areaNames: string, period: string): string =>
    `Diagram over naboambassadørprogrammet i ${areaNames}, ${period}: tilflyttere efter udfald, kontaktrate, dage til første forsøg, aktive ambassadører, møder og samtaler.`,
  programmeReportWritten: (path: string): string => `Rapporten er skrevet til ${path}`,
  programmeReportIntro: (areaNames: string, period: string): string =>
    `Programrapport for ${areaNames}, ${period}. Diagrammet står ovenfor, tallene her:`,
  programmeReportFuture: (): string =>
    'Det år er ikke begyndt endnu, så der er ingen tal. Skriv «rapport» for de seneste 12 måneder.',
  programmeReportMonthly: (areaNames: string, period: string): string =>
    `Månedens programrapport for ${areaNames}, ${period}. Skriv «rapport» for at se den igen.`,
};

export const programmeReportEn: typeof programmeReportDa = {
  programmeReportTitle: (areaName, period) => `Neighbour ambassadors in ${areaName}, ${period}`,
  programmeReportPeriod: (from, to) => (from === to ? from : `${from} – ${to}`),
  programmeReportHouseholdsPanel: () => 'New households by outcome (by month of moving in)',
  programmeReportSpeedPanel: (deadlineDays) =>
    `Days from moving in to the first try (median), deadline ${deadlineDays} days`,
  programmeReportActivityPanel: () => 'Ambassadors and meetings',
  programmeReportDeadline: (days) => `Deadline: ${days} days`,
  programmeReportFootnote: () =>
    '"<5": fewer than 5 households, not shown. Empty: nothing to show. Figures only, no names.',
  programmeReportArea: () => 'Area',
  programmeReportMonth: () => 'Month',
  programmeReportMovedIn: () => 'Moved in',
  programmeReportVisited: () => 'Visited',
  programmeReportMet: () => 'Met',
  programmeReportFolderOnly: () => 'Folder only',
  programmeReportDeclined: () => 'Declined',
  programmeReportNotReached: () => 'Not reached',
  programmeReportInProgress: () => 'In progress',
  programmeReportContactRate: () => 'Contact rate (%)',
  programmeReportMedianDays: () => 'Median days to first try',
  programmeReportDeadlineDays: () => 'First-try deadline (days)',
  programmeReportActiveAmbassadors: () => 'Active ambassadors',
  programmeReportMeetingsHeld: () => 'Network meetings held',
  programmeReportCheckInsHeld: () => 'Check-ins held',
  programmeReportAccompanimentsOffered: () => 'Accompaniment offered',
  programmeReportWentTogether: () => 'Went together',
  programmeReportShortMonth: () => 'Month',
  programmeReportShortMovedIn: () => 'In',
  programmeReportShortVisited: () => 'Vis',
  programmeReportShortMet: () => 'Met',
  programmeReportShortFolderOnly: () => 'Fold',
  programmeReportShortDeclined: () => 'No',
  programmeReportShortNotReached: () => 'NotR',
  programmeReportShortInProgress: () => 'Open',
  programmeReportShortContactRate: () => 'Cont%',
  programmeReportShortMedianDays: () => 'Days',
  programmeReportShortActiveAmbassadors: () => 'Amb',
  programmeReportShortMeetingsHeld: () => 'Meet',
  programmeReportShortCheckInsHeld: () => 'ChkIn',
  programmeReportShortAccompanimentsOffered: () => 'AccOf',
  programmeReportShortWentTogether: () => 'Tgthr',
  programmeReportAreaHeading: (areaName, period, deadlineDays) =>
    `${areaName}, ${period} (first-try deadline: ${deadlineDays} days)`,
  programmeReportTableLegend: () =>
    'In = moved in, Vis = visited, Fold = folder only, No = declined, NotR = not reached, Open = in progress, Cont% = contact rate, Days = median days from moving in to the first try, Amb = active ambassadors, Meet = meetings, ChkIn = check-ins, AccOf = accompaniment offered, Tgthr = went together.',
  programmeReportAltText: (areaNames, period) =>
    `Chart of the neighbour-ambassador programme in ${areaNames}, ${period}: new households by outcome, contact rate, days to the first try, active ambassadors, meetings and check-ins.`,
  programmeReportWritten: (path) => `The report was written to ${path}`,
  programmeReportIntro: (areaNames, period) =>
    `Programme report for ${areaNames}, ${period}. The chart is above, the figures here:`,
  programmeReportFuture: () =>
    'That year has not begun yet, so there are no figures. Write "report" for the last 12 months.',
  programmeReportMonthly: (areaNames, period) =>
    `This month's programme report for ${areaNames}, ${period}. Write "report" to see it again.`,
};
