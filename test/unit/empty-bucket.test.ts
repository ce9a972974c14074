import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyBucket, stackBucket } from '../../infra/cli/stack-bucket.js';

const s3 = mockClient(S3Client);
const cloudFormation = mockClient(CloudFormationClient);
const client = () =>
  new S3Client({ region: 'eu-south-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

beforeEach(() => {
  s3.reset();
  cloudFormation.reset();
});

describe('emptying the site bucket before a teardown', () => {
  it('given versioning on, then it deletes every version and delete marker, by version id, until none is listed', async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        Versions: [
          { Key: 'index.html', VersionId: 'v2' },
          { Key: 'index.html', VersionId: 'v1' },
        ],
        DeleteMarkers: [{ Key: 'old.json', VersionId: 'm1' }],
      })
      .resolves({});
    s3.on(DeleteObjectsCommand).resolves({});

    const deleted = await emptyBucket(client(), 'site-bucket');

    expect(deleted).toBe(3);
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(0);
    const [call] = s3.commandCalls(DeleteObjectsCommand);
    expect(call?.args[0].input).toEqual({
      Bucket: 'site-bucket',
      Delete: {
        Objects: [
          { Key: 'index.html', VersionId: 'v2' },
          { Key: 'index.html', VersionId: 'v1' },
          { Key: 'old.json', VersionId: 'm1' },
        ],
        Quiet: true,
      },
    });
  });

  it('given versioning suspended, then old versions go too', async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Suspended' });
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        Versions: [
          { Key: 'a', VersionId: 'null' },
          { Key: 'a', VersionId: 'v0' },
        ],
      })
      .resolves({});
    s3.on(DeleteObjectsCommand).resolves({});
    expect(await emptyBucket(client(), 'site-bucket')).toBe(2);
  });

  it('given versioning never on, then it deletes the objects listed, round after round', async () => {
    s3.on(GetBucketVersioningCommand).resolves({});
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ Contents: Array.from({ length: 1000 }, (_, i) => ({ Key: `k${i}` })) })
      .resolvesOnce({ Contents: [{ Key: 'late.json' }] })
      .resolves({});
    s3.on(DeleteObjectsCommand).resolves({});
    expect(await emptyBucket(client(), 'site-bucket')).toBe(1001);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(2);
    expect(s3.commandCalls(ListObjectVersionsCommand)).toHaveLength(0);
  });

  it('given an object S3 will not delete, then it fails, saying which', async () => {
    s3.on(GetBucketVersioningCommand).resolves({});
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'locked' }] });
    s3.on(DeleteObjectsCommand).resolves({
      Errors: [{ Key: 'locked', Code: 'AccessDenied', Message: 'no' }],
    });
    await expect(emptyBucket(client(), 'site-bucket')).rejects.toThrow(/locked: AccessDenied/);
  });
});

describe('the stack’s bucket', () => {
  it('given the stack, then it is its PublicBucketName output; given none, undefined', async () => {
    const cfn = new CloudFormationClient({
      region: 'eu-south-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    cloudFormation.on(DescribeStacksCommand, { StackName: 'election-night-staging' }).resolves({
      Stacks: [
        {
          StackName: 'election-night-staging',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [{ OutputKey: 'PublicBucketName', OutputValue: 'the-bucket' }],
        },
      ],
    });
    const missing = Object.assign(new Error('Stack with id election-night-gone does not exist'), {
      name: 'ValidationError',
    });
    cloudFormation.on(DescribeStacksCommand, { StackName: 'election-night-gone' }).rejects(missing);
    expect(await stackBucket('staging', 'eu-south-1', cfn)).toBe('the-bucket');
    expect(await stackBucket('gone', 'eu-south-1', cfn)).toBeUndefined();
  });
});
