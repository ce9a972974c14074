import { parseArgs } from 'node:util';
import { localEnvironment } from './local-environment.js';

/**
 * The arguments of the checks run on one election (`reconcile`, `verify-audit`):
 * `<electionId> [--wait <seconds>] [--repair]`. Prints the usage and exits when asked or when
 * the id is missing; otherwise points the shared modules at the local stack or at AWS.
 */
export function electionCheckArgs(script: string): { electionId: string; waitMs: number; repair: boolean } {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      wait: { type: 'string', default: '0' },
      repair: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const electionId = positionals[0];
  if (values.help || !electionId) {
    console.log(`usage: npm run ${script} -- <electionId> [--wait <seconds>] [--repair]`);
    process.exit(values.help ? 0 : 2);
  }
  Object.assign(process.env, localEnvironment());
  return { electionId, waitMs: Number(values.wait) * 1000, repair: values.repair };
}
