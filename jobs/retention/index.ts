export { createRetentionJobs } from './retention-jobs.js';
export type { RetentionJobs, RetentionJobsOptions, RetentionRunResult } from './retention-jobs.js';
export { eraseQueuedJobs, knownQueueNames } from './erase-queued-jobs.js';
export type { QueuedJobErasure } from './erase-queued-jobs.js';
export {
  RETENTION_PATTERN,
  RETENTION_QUEUE,
  RETENTION_SCHEDULER_ID,
  RETENTION_TIME_ZONE,
} from './retention-queue.js';
