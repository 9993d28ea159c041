import { DEFAULT_TIME_ZONE } from '../../kernel/constants.js';

/** The queue, scheduler and run time of the daily deletion-deadline job. */
export const RETENTION_QUEUE = 'retention';
export const RETENTION_SCHEDULER_ID = 'retention:daily';
/** 03:30, when nobody reports visits and the night's other jobs are done. */
export const RETENTION_PATTERN = '30 3 * * *';
export const RETENTION_TIME_ZONE = DEFAULT_TIME_ZONE;

export interface RetentionJobData {
  kind: 'apply-retention';
}
