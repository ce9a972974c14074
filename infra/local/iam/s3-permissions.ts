import type { Permission } from './policy.js';

export interface S3Request {
  method: string;
  /** The path as sent, path-style: `/bucket/key...`, percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The body, read only for the calls whose permissions depend on it (DeleteObjects). */
  body: string;
}

/** What an S3 request is about: the bucket and the object key, if any (decoded). */
export function s3Target(path: string): { bucket: string; key: string | undefined } {
  const [bucket = '', ...rest] = path.replace(/^\//, '').split('/');
  const key = rest.length > 0 && rest.join('/') !== '' ? decodeURIComponent(rest.join('/')) : undefined;
  return { bucket: decodeURIComponent(bucket), key };
}

const objectArn = (bucket: string, key: string) => `arn:aws:s3:::${bucket}/${key}`;
const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;

/**
 * The IAM permissions an S3 REST call needs (the S3 actions reference): reading or heading an
 * object needs s3:GetObject, writing one (also in parts, also as a copy's target) s3:PutObject,
 * deleting s3:DeleteObject on each key; listing or heading the bucket needs s3:ListBucket.
 */
export function s3Permissions(request: S3Request): Permission[] {
  const { bucket, key } = s3Target(request.path);
  const method = request.method.toUpperCase();
  const has = (name: string) => request.query.has(name);
  if (!bucket) return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
  if (key === undefined) {
    if (method === 'POST' && has('delete'))
      return [...request.body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => ({
        action: 's3:DeleteObject',
        resource: objectArn(bucket, unescapeXml(m[1] ?? '')),
      }));
    if (method === 'GET' && has('versions'))
      return [{ action: 's3:ListBucketVersions', resource: bucketArn(bucket) }];
    if (method === 'GET' && has('location'))
      return [{ action: 's3:GetBucketLocation', resource: bucketArn(bucket) }];
    if (method === 'GET' || method === 'HEAD')
      return [{ action: 's3:ListBucket', resource: bucketArn(bucket) }];
    if (method === 'PUT') return [{ action: 's3:CreateBucket', resource: bucketArn(bucket) }];
    if (method === 'DELETE') return [{ action: 's3:DeleteBucket', resource: bucketArn(bucket) }];
    return [{ action: `s3:${method}Bucket`, resource: bucketArn(bucket) }];
  }
  const object = objectArn(bucket, key);
  if (method === 'GET' || method === 'HEAD') return [{ action: 's3:GetObject', resource: object }];
  if (method === 'DELETE')
    return [{ action: has('uploadId') ? 's3:AbortMultipartUpload' : 's3:DeleteObject', resource: object }];
  if (method === 'PUT' || method === 'POST') {
    const copySource = request.headers['x-amz-copy-source'];
    const source = typeof copySource === 'string' ? decodeURIComponent(copySource.replace(/^\//, '')) : '';
    return [
      { action: 's3:PutObject', resource: object },
      ...(source ? [{ action: 's3:GetObject', resource: `arn:aws:s3:::${source.split('?')[0]}` }] : []),
    ];
  }
  return [{ action: `s3:${method}Object`, resource: object }];
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
