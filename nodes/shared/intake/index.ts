/** What the nodes may use of this engine: node folders import from here, never from its files (eslint enforces it). */
export { readIntake, recordIntake } from './intakeLog';
export type { IntakeEntry } from './intakeLog';
export { unfinishedDms, unsyncedDms } from './unfinishedDms';
export { claimFirstDelivery, claimRecovery } from './claims';
export { admitMessage } from './intakeLimits';
export type { IntakeLimits, IntakeRequest, IntakeVerdict, LimitReason } from './intakeLimits';
