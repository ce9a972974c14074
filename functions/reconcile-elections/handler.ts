import type { Context } from 'aws-lambda';
import { logger } from '../../shared/logger.js';
import { flushMetrics } from '../../shared/metrics.js';
import { reconcileOpenElections } from '../../shared/use-cases/reconcile-open-elections.js';

/** Every minute: compares each open election's totals with its stored sections and heals any difference. */
export const handler = async (_event: unknown, context: Context) => {
  logger.addContext(context);
  await reconcileOpenElections(() => context.getRemainingTimeInMillis());
  flushMetrics();
};
