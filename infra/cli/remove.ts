/**
 * `npm run remove -- --stage <stage> [--region eu-south-1]`
 *
 * Tears a stage down: empties its site bucket (every object, and every version if versioning
 * was ever on: empty-site-bucket.ts), then `serverless remove`, with the same stage and region
 * (deploy-plan.ts). The stage is never assumed. The table is retained (DeletionPolicy Retain):
 * README.md says how to deploy the stage again.
 */
import { main, removePlan } from './deploy-plan.js';

main('npm run remove -- --stage <stage> [--region eu-south-1]', removePlan, { requireStage: true });
