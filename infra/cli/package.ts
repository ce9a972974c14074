/**
 * `npm run package -- [--stage prod] [--region eu-south-1]`
 *
 * `serverless package` into .serverless/: the CloudFormation template and the functions' zips,
 * with no AWS credentials needed.
 */
import { main, packagePlan } from './deploy-plan.js';

main('npm run package -- [--stage prod] [--region eu-south-1]', packagePlan);
