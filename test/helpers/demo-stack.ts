import { join } from 'node:path';
import { PROJECT_ROOT, type Stack, type StackOptions, startEphemeralStack } from '../../infra/local/stack.js';

/** The staff token of every end-to-end stack. */
export const E2E_STAFF_TOKEN = 'e2e-staff-token-0123456789abcdef';

/** What an end-to-end test may choose of its stack: a seeded election, the reconciliation's pace, the roles. */
export type E2eStackOptions = Partial<Pick<StackOptions, 'seedFile' | 'reconcileIntervalS' | 'adjustRoles'>>;

/**
 * A throw-away local stack with the end-to-end staff token, nothing seeded unless `options` say
 * so. Its API output is kept for error messages, or shown with E2E_API_LOG=1.
 */
export const startE2eStack = (options: E2eStackOptions = {}): Promise<Stack> =>
  startEphemeralStack({
    adminToken: E2E_STAFF_TOKEN,
    apiOutput: process.env.E2E_API_LOG ? 'inherit' : 'capture',
    log: () => undefined,
    ...options,
  });

/**
 * A throw-away local stack seeded with the demo election, as `npm start` would run it (with
 * `options`, a shorter reconciliation or changed roles).
 */
export const startDemoStack = (options: Omit<E2eStackOptions, 'seedFile'> = {}): Promise<Stack> =>
  startE2eStack({ seedFile: join(PROJECT_ROOT, 'events', 'elections', 'demo.json'), ...options });
