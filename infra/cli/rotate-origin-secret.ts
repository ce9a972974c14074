/**
 * `npm run rotate-origin-secret -- [--stage prod] [--region eu-south-1] [--no-wait] [--wait-deployed]`
 *
 * Gives the origin header CloudFront sends the API a new random value, without refusing a
 * request: the secret first (the API accepts the new and the old value), then, once every warm
 * function has read it, the distribution (origin-secret-rotation.ts says how).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseTargetAndFlags, UsageError } from './deploy-plan.js';
import { RotationError, rotateOriginSecret, WAIT_S } from './origin-secret-rotation.js';

const USAGE = `usage: npm run rotate-origin-secret -- [--stage prod] [--region eu-south-1] [--no-wait] [--wait-deployed]
  --no-wait        point CloudFront at the new value at once, not after ${WAIT_S} s (tests only: a warm
                   API function that read the secret earlier refuses the new value until it reads it again)
  --wait-deployed  then wait until the distribution is Deployed (every edge sends the new value)`;

let parsed: ReturnType<typeof parseTargetAndFlags<'no-wait' | 'wait-deployed'>>;
try {
  parsed = parseTargetAndFlags(process.argv.slice(2), ['no-wait', 'wait-deployed']);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (parsed === 'help') {
  console.log(USAGE);
  process.exit(0);
}

const { target, flags } = parsed;
try {
  await rotateOriginSecret(
    target,
    {
      cloudFormation: new CloudFormationClient({ region: target.region }),
      secrets: new SecretsManagerClient({ region: target.region }),
      cloudFront: new CloudFrontClient({ region: target.region }),
    },
    { wait: !flags['no-wait'], waitDeployed: flags['wait-deployed'] },
  );
} catch (error) {
  if (!(error instanceof RotationError)) throw error;
  console.error(`rotate-origin-secret: ${error.message}`);
  process.exit(1);
}
