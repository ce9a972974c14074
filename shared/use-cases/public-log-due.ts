/**
 * Whether an election's public log has work waiting: entries chained past its last checkpoint,
 * or its verifier key not yet in the deployment's key file. The writer returns at once when it
 * has none; the reconciliation asks a certified election's writer only when it has some.
 */
import { readAuditHead } from '../db/audit.js';
import { type PublicLogState, readPublicLogState } from '../db/public-log.js';

export async function publicLogDue(electionId: string): Promise<{ due: boolean; state: PublicLogState }> {
  const [head, state] = await Promise.all([readAuditHead(electionId), readPublicLogState(electionId)]);
  return { due: (head?.seq ?? 0) > state.size || !state.keyPublished, state };
}
