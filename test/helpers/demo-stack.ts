import { join } from 'node:path';
import { PROJECT_ROOT, type Stack, startEphemeralStack } from '../../infra/local/stack.js';

/** The staff token of every end-to-end stack. */
export const E2E_STAFF_TOKEN = 'e2e-staff-token-0123456789abcdef';

/**
 * A throw-away local stack seeded with the demo election, as `npm start` would run it. Its API
 * output is kept for error messages, or shown with E2E_API_LOG=1.
 */
export const startDemoStack = (): Promise<Stack> =>
  startEphemeralStack({
    adminToken: E2E_STAFF_TOKEN,
    seedFile: join(PROJECT_ROOT, 'events', 'elections', 'demo.json'),
    apiOutput: process.env.E2E_API_LOG ? 'inherit' : 'capture',
    log: () => undefined,
  });
