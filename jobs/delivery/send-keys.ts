/**
 * Send keys name one message for one purpose to one person. They are the BullMQ job id of the
 * send (so duplicate triggers collapse while the job exists) and the SendLedger key in MongoDB
 * (so a message goes out once even after the job is gone). BullMQ job ids may not contain ':'.
 */
export const sendKeys = {
  assignment: (areaKey: string, month: string, personId: string) =>
    `assign-${areaKey}-${month}-${personId}`,
  assignmentSummary: (areaKey: string, month: string, personId: string) =>
    `assign-summary-${areaKey}-${month}-${personId}`,
  revisit: (visitId: string, revisitDate: string) => `revisit-${visitId}-${revisitDate}`,
  firstAttemptNudge: (visitId: string) => `first-attempt-nudge-${visitId}`,
  firstAttemptEscalation: (visitId: string, coordinatorId: string) =>
    `first-attempt-escalation-${visitId}-${coordinatorId}`,
  programmeReport: (areaKey: string, month: string, personId: string) =>
    `programme-report-${areaKey}-${month}-${personId}`,
  eventReminder: (eventId: string, personId: string) => `event-reminder-${eventId}-${personId}`,
};

/** Ids of the timed jobs in the schedule queue. */
export const scheduleJobIds = {
  revisit: (visitId: string, revisitDate: string) => `revisit-${visitId}-${revisitDate}`,
  firstAttemptNudge: (visitId: string) => `first-attempt-nudge-${visitId}`,
  firstAttemptEscalation: (visitId: string) => `first-attempt-escalation-${visitId}`,
  assignmentScheduler: (areaKey: string) => `assign:${areaKey}`,
  programmeReportScheduler: (areaKey: string) => `programme-report:${areaKey}`,
  eventReminder: (eventId: string) => `event-reminder-${eventId}`,
};
