/**
 * Moved to helpers/assignRequest.ts. Kept only because test/sandbox/scenarios.test.ts imports
 * skillsFor from here; delete once that import names helpers/assignRequest.
 */
export { skillsFor } from './helpers/assignRequest';
