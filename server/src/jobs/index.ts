/** Background jobs (lease-based, idempotent, safe with any number of instances). */
export { startJobs, defaultJobs, type JobDefinition, type JobRunner, type JobsOptions } from './runner';
export { acquireLease, renewLease, releaseLease, leaseModel } from './lease';
export { drainOutbox, type DrainResult } from './outbox-drain';
export { sendPendingNotifications, MAX_ATTEMPTS, backoffMs, type DeliveryDeps } from './send-notifications';
export { sweepDeadlines, DUE_SOON_MS, type SweepResult } from './deadline-sweeper';
