import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../shared/logger.js';
import { runOfficerTokenJob } from '../../shared/use-cases/run-officer-token-job.js';
import type { OfficerTokenJobEvent } from '../../shared/use-cases/start-officer-token-job.js';

/** Invoked asynchronously by start-officer-token-job with the job's key; never throws (the job says how it ended). */
export const handler = middy<OfficerTokenJobEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => runOfficerTokenJob(event));
