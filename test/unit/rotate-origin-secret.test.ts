/**
 * `npm run rotate-origin-secret`: its pure parts (the new secret, the updated distribution
 * config), and the whole run against mocked CloudFormation, Secrets Manager and CloudFront
 * clients (aws-sdk-client-mock; nothing here reaches AWS).
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CloudFrontClient,
  type DistributionConfig,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseTargetAndFlags, UsageError } from '../../infra/cli/deploy-plan.js';
import {
  newSecretValue,
  nextOriginSecret,
  originHeaderOf,
  RotationError,
  type RotationOptions,
  rotateOriginSecret,
  WAIT_S,
  withOriginHeader,
} from '../../infra/cli/origin-secret-rotation.js';
import { assertThroughSite, OriginSecretSchema, SECRET_MAX_AGE_S } from '../../shared/http/through-site.js';

const cloudFormation = mockClient(CloudFormationClient);
const secrets = mockClient(SecretsManagerClient);
const cloudFront = mockClient(CloudFrontClient);
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clients = () => ({
  cloudFormation: new CloudFormationClient({ region: 'eu-south-1', credentials }),
  secrets: new SecretsManagerClient({ region: 'eu-south-1', credentials }),
  cloudFront: new CloudFrontClient({ region: 'eu-south-1', credentials }),
});
const target = { stage: 'staging', region: 'eu-south-1' };

const SECRET_ARN = 'arn:aws:secretsmanager:eu-south-1:000000000000:secret:OriginSecret-abc';
const DISTRIBUTION_ID = 'E2QWRUHAPOMQZL';
const OLD = 'O'.repeat(48);
const OLDER = 'P'.repeat(48);
const NEW = 'N'.repeat(48);

/** A distribution as site.yml makes it, with enough around the header to see nothing else moves. */
const distributionConfig = (headerValue: string): DistributionConfig => ({
  CallerReference: 'caller-ref-1',
  Aliases: { Quantity: 0 },
  DefaultRootObject: 'index.html',
  Comment: 'election-night-staging public results',
  Enabled: true,
  HttpVersion: 'http2and3',
  PriceClass: 'PriceClass_100',
  Origins: {
    Quantity: 2,
    Items: [
      {
        Id: 'public-bucket',
        DomainName: 'bucket.s3.eu-south-1.amazonaws.com',
        OriginPath: '',
        CustomHeaders: { Quantity: 0 },
        S3OriginConfig: { OriginAccessIdentity: '' },
        OriginAccessControlId: 'OAC123',
        ConnectionAttempts: 3,
        ConnectionTimeout: 10,
      },
      {
        Id: 'http-api',
        DomainName: 'abc123.execute-api.eu-south-1.amazonaws.com',
        OriginPath: '',
        CustomHeaders: {
          Quantity: 2,
          Items: [
            { HeaderName: 'X-Something-Else', HeaderValue: 'kept' },
            { HeaderName: 'X-Origin-Verify', HeaderValue: headerValue },
          ],
        },
        CustomOriginConfig: {
          HTTPPort: 80,
          HTTPSPort: 443,
          OriginProtocolPolicy: 'https-only',
          OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] },
          OriginReadTimeout: 30,
          OriginKeepaliveTimeout: 5,
        },
        ConnectionAttempts: 3,
        ConnectionTimeout: 10,
      },
    ],
  },
  OriginGroups: {
    Quantity: 1,
    Items: [
      {
        Id: 'site-with-fallback',
        FailoverCriteria: { StatusCodes: { Quantity: 6, Items: [403, 404, 500, 502, 503, 504] } },
        Members: { Quantity: 2, Items: [{ OriginId: 'public-bucket' }, { OriginId: 'http-api' }] },
      },
    ],
  },
  DefaultCacheBehavior: {
    TargetOriginId: 'site-with-fallback',
    ViewerProtocolPolicy: 'redirect-to-https',
    Compress: true,
    CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  },
  CacheBehaviors: {
    Quantity: 1,
    Items: [
      {
        PathPattern: '/v1/*',
        TargetOriginId: 'http-api',
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      },
    ],
  },
});

/** Every call to any of the three services, in order, by command name. */
let calls: string[];
const record = (name: string) => calls.push(name);

/** A deployed stack whose secret holds `stored`, and whose distribution sends `sent`. */
function deployed({
  stored = { current: OLD, previous: OLDER } as Record<string, string>,
  sent = OLD,
  status = 'Deployed',
  createdDate = new Date(0),
} = {}) {
  cloudFormation.on(DescribeStacksCommand).callsFake(() => {
    record('DescribeStacks');
    return {
      Stacks: [
        {
          StackName: 'election-night-staging',
          CreationTime: new Date(0),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'PublicBucketName', OutputValue: 'site-bucket' },
            { OutputKey: 'OriginSecretArn', OutputValue: SECRET_ARN },
            { OutputKey: 'DistributionId', OutputValue: DISTRIBUTION_ID },
          ],
        },
      ],
    };
  });
  secrets.on(GetSecretValueCommand).callsFake(() => {
    record('GetSecretValue');
    return {
      ARN: SECRET_ARN,
      VersionId: 'v1',
      SecretString: JSON.stringify(stored),
      CreatedDate: createdDate,
    };
  });
  secrets.on(PutSecretValueCommand).callsFake(() => {
    record('PutSecretValue');
    return { ARN: SECRET_ARN, VersionId: 'v2', VersionStages: ['AWSCURRENT'] };
  });
  cloudFront.on(GetDistributionCommand).callsFake(() => {
    record('GetDistribution');
    return {
      ETag: 'ETAG-FROM-GET-DISTRIBUTION',
      Distribution: { Id: DISTRIBUTION_ID, Status: status, DistributionConfig: distributionConfig(sent) },
    };
  });
  cloudFront.on(GetDistributionConfigCommand).callsFake(() => {
    record('GetDistributionConfig');
    return { ETag: 'E2QWRUHAPOMQZL-v7', DistributionConfig: distributionConfig(sent) };
  });
  cloudFront.on(UpdateDistributionCommand).callsFake(() => {
    record('UpdateDistribution');
    return { ETag: 'E2QWRUHAPOMQZL-v8', Distribution: { Id: DISTRIBUTION_ID, Status: 'InProgress' } };
  });
}

let lines: string[];
let slept: number[];
const options = (overrides: Partial<RotationOptions> = {}): RotationOptions => ({
  wait: true,
  waitDeployed: false,
  log: (line) => lines.push(line),
  sleep: async (seconds) => {
    record('sleep');
    slept.push(seconds);
  },
  generate: () => NEW,
  now: () => 1_000_000,
  ...overrides,
});

const written = () => {
  const [put] = secrets.commandCalls(PutSecretValueCommand);
  if (!put) throw new Error('no PutSecretValue');
  return put.args[0].input;
};

beforeAll(() => {
  Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_REGION: 'eu-south-1' });
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
});

beforeEach(() => {
  cloudFormation.reset();
  secrets.reset();
  cloudFront.reset();
  calls = [];
  lines = [];
  slept = [];
});

describe('the new secret', () => {
  it('given a generated value, then it is 48 letters and digits, and two are never the same', () => {
    const values = Array.from({ length: 50 }, newSecretValue);
    for (const value of values) expect(value).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(new Set(values).size).toBe(values.length);
  });

  it('given the stored secret, then the new version has the new value as current and the old current as previous', () => {
    expect(nextOriginSecret({ current: OLD, previous: OLDER }, NEW)).toEqual({ current: NEW, previous: OLD });
    expect(nextOriginSecret({ current: OLD }, NEW)).toEqual({ current: NEW, previous: OLD });
    expect(() => nextOriginSecret({ current: OLD }, OLD)).toThrow(RotationError);
  });

  it('given a run, then the JSON it writes parses with OriginSecretSchema, and the API accepts both values', async () => {
    deployed();
    await rotateOriginSecret(target, clients(), options({ generate: newSecretValue }));

    const { SecretId, SecretString } = written();
    expect(SecretId).toBe(SECRET_ARN);
    const parsed = OriginSecretSchema.parse(JSON.parse(SecretString ?? ''));
    expect(parsed.current).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(parsed.previous).toBe(OLD);
    expect(Object.keys(JSON.parse(SecretString ?? ''))).toEqual(['current', 'previous']);

    // The API's own check, reading what was written: the new value and the old one both pass.
    secrets.reset();
    secrets.on(GetSecretValueCommand).resolves({ SecretString });
    Object.assign(process.env, { ORIGIN_CHECK: 'on', ORIGIN_SECRET_ID: `${SECRET_ARN}-written` });
    const through = (value: string) =>
      assertThroughSite({ headers: { 'x-origin-verify': value } } as unknown as APIGatewayProxyEventV2);
    await expect(through(parsed.current)).resolves.toBeUndefined();
    await expect(through(OLD)).resolves.toBeUndefined();
    await expect(through(OLDER)).rejects.toThrow(/through the site/);
  });
});

describe('the distribution config', () => {
  it('given the config, then only X-Origin-Verify on http-api changes, and everything else is byte-identical', () => {
    const original = distributionConfig(OLD);
    const before = JSON.stringify(original);

    const updated = withOriginHeader(original, NEW);

    const expected = JSON.parse(before) as DistributionConfig;
    const header = expected.Origins?.Items?.[1]?.CustomHeaders?.Items?.[1];
    if (!header) throw new Error('fixture');
    header.HeaderValue = NEW;
    expect(JSON.stringify(updated)).toBe(JSON.stringify(expected));
    expect(originHeaderOf(updated)).toBe(NEW);
    expect(JSON.stringify(original)).toBe(before); // not changed in place
  });

  it('given the same header on another origin, or another case, then only the http-api one is replaced', () => {
    const config = distributionConfig(OLD);
    const bucket = config.Origins?.Items?.[0];
    const apiHeader = config.Origins?.Items?.[1]?.CustomHeaders?.Items?.[1];
    if (!bucket || !apiHeader) throw new Error('fixture');
    bucket.CustomHeaders = { Quantity: 1, Items: [{ HeaderName: 'X-Origin-Verify', HeaderValue: 'bucket' }] };
    apiHeader.HeaderName = 'x-origin-verify';

    const updated = withOriginHeader(config, NEW);

    expect(updated.Origins?.Items?.[0]?.CustomHeaders?.Items?.[0]?.HeaderValue).toBe('bucket');
    expect(updated.Origins?.Items?.[1]?.CustomHeaders?.Items).toEqual([
      { HeaderName: 'X-Something-Else', HeaderValue: 'kept' },
      { HeaderName: 'x-origin-verify', HeaderValue: NEW },
    ]);
  });

  it('given no http-api origin, or no X-Origin-Verify on it, then it refuses', () => {
    const noOrigin = distributionConfig(OLD);
    noOrigin.Origins = { Quantity: 1, Items: noOrigin.Origins?.Items?.slice(0, 1) };
    expect(() => withOriginHeader(noOrigin, NEW)).toThrow(/no origin "http-api"/);

    const noHeader = distributionConfig(OLD);
    const api = noHeader.Origins?.Items?.[1];
    if (!api) throw new Error('fixture');
    api.CustomHeaders = { Quantity: 0 };
    expect(() => withOriginHeader(noHeader, NEW)).toThrow(/no X-Origin-Verify custom header/);
    expect(() => originHeaderOf(undefined)).toThrow(RotationError);
  });
});

describe('a rotation', () => {
  it('given a deployed stack, then the secret is written first, CloudFront after the wait, with the ETag as IfMatch', async () => {
    deployed();

    const result = await rotateOriginSecret(target, clients(), options());

    expect(calls).toEqual([
      'DescribeStacks',
      'GetSecretValue',
      'GetDistribution',
      'PutSecretValue',
      'sleep',
      'GetDistributionConfig',
      'UpdateDistribution',
    ]);
    expect(slept).toEqual([WAIT_S]);
    expect(WAIT_S).toBeGreaterThan(SECRET_MAX_AGE_S);
    expect(JSON.parse(written().SecretString ?? '')).toEqual({ current: NEW, previous: OLD });

    const [update] = cloudFront.commandCalls(UpdateDistributionCommand);
    const input = update?.args[0].input;
    expect(input?.Id).toBe(DISTRIBUTION_ID);
    expect(input?.IfMatch).toBe('E2QWRUHAPOMQZL-v7'); // GetDistributionConfig's, read after the wait
    expect(JSON.stringify(input?.DistributionConfig)).toBe(
      JSON.stringify(withOriginHeader(distributionConfig(OLD), NEW)),
    );
    expect(result).toMatchObject({
      secretArn: SECRET_ARN,
      distributionId: DISTRIBUTION_ID,
      secretVersionId: 'v2',
      resumed: false,
      waitedSeconds: WAIT_S,
      distributionStatus: 'InProgress',
    });
  });

  it('given a run, then it says what it waits for and what a later deploy does, and never prints a secret', async () => {
    deployed();
    await rotateOriginSecret(target, clients(), options());
    const out = lines.join('\n');
    expect(out).toMatch(new RegExp(`waiting ${WAIT_S} s.*cache the secret for up to ${SECRET_MAX_AGE_S} s`));
    expect(out).toMatch(/deploy/);
    expect(out).toMatch(/previous/);
    for (const value of [OLD, OLDER, NEW]) expect(out).not.toContain(value);
  });

  it('given --no-wait, then nothing sleeps, and it says what that risks', async () => {
    deployed();
    const result = await rotateOriginSecret(target, clients(), options({ wait: false }));
    expect(calls).not.toContain('sleep');
    expect(calls.indexOf('PutSecretValue')).toBeLessThan(calls.indexOf('UpdateDistribution'));
    expect(result.waitedSeconds).toBe(0);
    expect(lines.join('\n')).toMatch(/--no-wait.*refuses it until it reads the secret again/);
  });

  it('given --wait-deployed, then it waits with CloudFront’s waiter until the distribution is Deployed', async () => {
    deployed();
    const result = await rotateOriginSecret(target, clients(), options({ waitDeployed: true }));
    expect(calls.slice(-2)).toEqual(['UpdateDistribution', 'GetDistribution']);
    expect(cloudFront.commandCalls(GetDistributionCommand).at(-1)?.args[0].input).toEqual({
      Id: DISTRIBUTION_ID,
    });
    expect(result.distributionStatus).toBe('Deployed');
  });

  it('given a distribution still InProgress, then it refuses before writing anything', async () => {
    deployed({ status: 'InProgress' });
    await expect(rotateOriginSecret(target, clients(), options())).rejects.toThrow(
      /InProgress, not Deployed/,
    );
    expect(calls).not.toContain('PutSecretValue');
    expect(calls).not.toContain('UpdateDistribution');
  });

  it('given an earlier run stopped after the secret, then it writes no new value and finishes that rotation', async () => {
    // The secret was rotated 100 s ago; CloudFront still sends what is now its previous.
    deployed({
      stored: { current: NEW, previous: OLD },
      sent: OLD,
      createdDate: new Date(1_000_000 - 100_000),
    });

    const result = await rotateOriginSecret(target, clients(), options());

    expect(calls).not.toContain('PutSecretValue');
    expect(slept).toEqual([WAIT_S - 100]);
    const [update] = cloudFront.commandCalls(UpdateDistributionCommand);
    expect(originHeaderOf(update?.args[0].input.DistributionConfig)).toBe(NEW);
    expect(result).toMatchObject({ resumed: true, distributionStatus: 'InProgress' });
  });

  it('given CloudFront sending a value the secret does not hold, then it refuses and changes nothing', async () => {
    deployed({ sent: 'X'.repeat(48) });
    await expect(rotateOriginSecret(target, clients(), options())).rejects.toThrow(
      /neither as "current" nor as "previous"/,
    );
    expect(calls).not.toContain('PutSecretValue');
    expect(calls).not.toContain('UpdateDistribution');
  });

  it('given the distribution changed between reading and updating, then it says so and how to finish', async () => {
    deployed();
    cloudFront.on(UpdateDistributionCommand).rejects(
      Object.assign(new Error('The If-Match version is missing or not valid'), {
        name: 'PreconditionFailed',
      }),
    );
    await expect(rotateOriginSecret(target, clients(), options())).rejects.toThrow(
      /ETag no longer matches.*Run this command again/,
    );
  });

  it('given no stack, then it refuses before any secret or distribution call', async () => {
    cloudFormation.on(DescribeStacksCommand).rejects(
      Object.assign(new Error('Stack with id election-night-staging does not exist'), {
        name: 'ValidationError',
      }),
    );
    await expect(rotateOriginSecret(target, clients(), options())).rejects.toThrow(
      /no stack election-night-staging in eu-south-1/,
    );
    expect(secrets.calls()).toHaveLength(0);
    expect(cloudFront.calls()).toHaveLength(0);
  });

  it('given a stack without the outputs, then it names the missing ones and touches nothing', async () => {
    cloudFormation.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'election-night-staging',
          CreationTime: new Date(0),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [{ OutputKey: 'PublicBucketName', OutputValue: 'site-bucket' }],
        },
      ],
    });
    await expect(rotateOriginSecret(target, clients(), options())).rejects.toThrow(
      /no OriginSecretArn or DistributionId output/,
    );
    expect(secrets.calls()).toHaveLength(0);
    expect(cloudFront.calls()).toHaveLength(0);
  });

  it('given a distribution without the header, then it refuses before writing the secret', async () => {
    deployed();
    const config = distributionConfig(OLD);
    const api = config.Origins?.Items?.[1];
    if (!api) throw new Error('fixture');
    api.CustomHeaders = { Quantity: 0 };
    cloudFront.on(GetDistributionCommand).resolves({
      Distribution: {
        Id: DISTRIBUTION_ID,
        ARN: 'arn',
        Status: 'Deployed',
        LastModifiedTime: new Date(0),
        InProgressInvalidationBatches: 0,
        DomainName: 'd.cloudfront.net',
        DistributionConfig: config,
      },
    });
    await expect(rotateOriginSecret(target, clients(), options())).rejects.toThrow(/no X-Origin-Verify/);
    expect(secrets.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('given a secret the API could not read, then it refuses rather than write over it', async () => {
    deployed({ stored: { current: 'short' } });
    await expect(rotateOriginSecret(target, clients(), options())).rejects.toThrow(
      /not \{"current", "previous"\?\}/,
    );
    expect(secrets.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });
});

describe('the command line', () => {
  it('given --no-wait and --wait-deployed beside --stage and --region, then it reads them; anything else is refused', () => {
    const flags = ['no-wait', 'wait-deployed'] as const;
    expect(parseTargetAndFlags(['--stage', 'staging', '--region', 'eu-west-1', '--no-wait'], flags)).toEqual({
      target: { stage: 'staging', region: 'eu-west-1' },
      flags: { 'no-wait': true, 'wait-deployed': false },
    });
    expect(parseTargetAndFlags([], flags)).toEqual({
      target: { stage: 'prod', region: 'eu-south-1' },
      flags: { 'no-wait': false, 'wait-deployed': false },
    });
    expect(() => parseTargetAndFlags(['--nowait'], flags)).toThrow(UsageError);
    expect(() => parseTargetAndFlags(['--no-wait=yes'], flags)).toThrow(UsageError);
  });
});
