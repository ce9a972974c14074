import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logSigner } from '../../shared/aws/log-signing-key.js';
import { config } from '../../shared/config.js';
import { logger } from '../../shared/logger.js';
import { s3LogFiles } from '../../shared/storage/log-files.js';
import { appendPublicLog } from '../../shared/use-cases/append-public-log.js';
import type { AppendPublicLogEvent } from '../../shared/use-cases/request-public-log.js';

const files = s3LogFiles();

/** Invoked asynchronously with an election's id: appends its chained audit entries to its public log. */
export const handler = middy<AppendPublicLogEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async ({ electionId }, context) => {
    const report = await appendPublicLog(electionId, {
      files,
      logName: config().LOG_NAME,
      signer: logSigner,
      timeLeftMs: () => context.getRemainingTimeInMillis(),
    });
    logger.info('public log', { ...report });
  });
