/**
 * `npm run deploy -- [--stage prod] [--region eu-south-1]`
 *
 * `serverless deploy`, then the site's upload (upload-site.ts), both with the same stage and
 * region (deploy-plan.ts). ALARM_EMAIL=<address> subscribes the operator to the alarms.
 */
import { deployPlan, main } from './deploy-plan.js';

// The alarms e-mail the address ALARM_EMAIL names when the template is made
// (infra/cloudformation/monitoring.cjs): a deploy without it removes the subscription.
if (!process.env.ALARM_EMAIL)
  console.warn('ALARM_EMAIL is not set: the alarms of the night will e-mail no one (README, Runbook).');

main('npm run deploy -- [--stage prod] [--region eu-south-1]', deployPlan);
