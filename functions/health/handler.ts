import { api } from '../../shared/http/api.js';
import { jsonResponse } from '../../shared/http/json-response.js';
import { s3Bucket } from '../../shared/storage/s3-bucket.js';
import { checkHealth } from '../../shared/use-cases/check-health.js';

const bucket = s3Bucket();

export const handler = api({ access: 'public' }, async () => {
  const health = await checkHealth(bucket);
  return jsonResponse(health.ready ? 200 : 503, health);
});
