/**
 * `npm run deploy -- [--stage prod] [--region eu-south-1]`
 *
 * `serverless deploy`, then the site's upload (upload-site.ts), both with the same stage and
 * region (deploy-plan.ts).
 */
import { deployPlan, main } from './deploy-plan.js';

main('npm run deploy -- [--stage prod] [--region eu-south-1]', deployPlan);
