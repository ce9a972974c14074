import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, lambdaBundles, packageService } from '../../infra/cli/bench/lambda-bundles.js';
import { unzip } from '../../infra/cli/bench/zip.js';
import { PROJECT_ROOT } from '../../infra/local/stack.js';
import { tableDefinition } from '../../infra/local/table.js';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE } from '../../shared/metrics.js';
import {
  EMBED_HEADERS,
  EMBEDDABLE_PATH_PATTERN,
  SECURITY_HEADERS,
  SITE_CSP,
} from '../../site/security-headers.js';

type Resource = {
  Type: string;
  Condition?: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
let template: {
  Parameters: Record<string, Record<string, unknown>>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs: Record<string, unknown>;
};
let packageDir: string;

const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** Where the packaged template is kept for .ci/run's lint (infra/ci/lint-template.sh). */
const KEPT_TEMPLATE = join(PROJECT_ROOT, 'test-results', 'cloudformation-template.json');

beforeAll(async () => {
  // Prepare: `serverless package` needs no AWS credentials with osls; prove it by offering none.
  // Nor the operator's TABLE_NAME or BUCKET_NAME: unset, not empty (an empty one is a value, and
  // would name the table "").
  packageDir = mkdtempSync(join(tmpdir(), 'election-night-package-'));
  await packageService(packageDir);
  const packaged = join(packageDir, 'cloudformation-template-update-stack.json');
  template = JSON.parse(readFileSync(packaged, 'utf8'));
  mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
  copyFileSync(packaged, KEPT_TEMPLATE);
}, 120_000);

/** cfn-lint is a Python tool, not an npm package: the lint runs where it is installed (CI has it). */
const hasCfnLint = spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0;

afterAll(() => {
  rmSync(packageDir, { recursive: true, force: true });
});

describe('the Lambda bundles serverless.yml packages', () => {
  it('gives every function one bundle of at most 250 KB minified (its sourcemap not counted)', () => {
    const bundles = lambdaBundles(packageDir);
    expect(bundles.map((b) => b.name).sort()).toEqual(
      ofType('AWS::Lambda::Function')
        .map(([id]) => id.replace(/LambdaFunction$/, ''))
        .map((id) => id.charAt(0).toLowerCase() + id.slice(1))
        .sort(),
    );
    const tooBig = bundles.filter((b) => b.code.length > BUNDLE_BUDGET_BYTES);
    expect(tooBig.map((b) => `${b.name}: ${b.code.length} bytes`)).toEqual([]);
  });

  it('leaves the AWS SDK to the runtime: imported by the bundles, neither bundled nor packed', () => {
    const bundles = lambdaBundles(packageDir);
    expect(bundles.filter((b) => !b.sourcemap).map((b) => b.name)).toEqual([]);
    // What a bundle holds, its sourcemap lists: no file of the SDK (nor of Smithy, its core).
    const bundled = bundles.flatMap((bundle) =>
      (JSON.parse(String(bundle.sourcemap)) as { sources: string[] }).sources
        .filter((source) => /node_modules\/@(aws-sdk|smithy)\//.test(source))
        .map((source) => `${bundle.name}: ${source}`),
    );
    expect(bundled.slice(0, 5)).toEqual([]);
    const health = unzip(readFileSync(join(packageDir, 'health.zip')));
    expect([...health.keys()].sort()).toEqual([
      'functions/health/handler.mjs',
      'functions/health/handler.mjs.map',
    ]);
    expect(health.get('functions/health/handler.mjs')?.toString('utf8')).toMatch(
      /from\s*"@aws-sdk\/client-s3"/,
    );
  });
});

describe('the CloudFormation template serverless.yml generates', () => {
  it('has the table on demand, with point-in-time recovery and a NEW_AND_OLD_IMAGES stream, kept on delete', () => {
    const [[, table] = []] = ofType('AWS::DynamoDB::Table');
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    // `npm run remove` keeps the table, and so does a change that would replace it.
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
  });

  it('names the table election-night-<stage> unless TABLE_NAME is set', () => {
    const [[, table] = []] = ofType('AWS::DynamoDB::Table');
    expect(table?.Properties.TableName).toBe('election-night-ci');
  });

  if (hasCfnLint)
    it('passes cfn-lint with no error (infra/ci/lint-template.sh: warnings are shown, errors fail)', () => {
      const lint = spawnSync('bash', [join(PROJECT_ROOT, 'infra/ci/lint-template.sh'), KEPT_TEMPLATE], {
        encoding: 'utf8',
      });
      expect(lint.status, `${lint.stdout}\n${lint.stderr}`).toBe(0);
      expect(lint.stdout).toContain('cfn-lint: no errors');
      // cfn-lint takes seconds on a quiet machine, and much longer on a shared, busy one.
    }, 180_000);

  it('creates locally the very table it deploys (one definition, not two)', () => {
    const [[, table] = []] = ofType('AWS::DynamoDB::Table');
    const local = tableDefinition('any-name');
    expect(local.KeySchema).toEqual(table?.Properties.KeySchema);
    expect(local.AttributeDefinitions).toEqual(table?.Properties.AttributeDefinitions);
    expect(local.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('serves the bucket only through CloudFront with origin access control', () => {
    const bucketId = 'PublicBucket';
    const bucket = template.Resources[bucketId];
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const [[oacId] = []] = ofType('AWS::CloudFront::OriginAccessControl');
    const [[, distribution] = []] = ofType('AWS::CloudFront::Distribution');
    const config = distribution?.Properties.DistributionConfig as {
      Origins: { DomainName: unknown; OriginAccessControlId: unknown }[];
      DefaultCacheBehavior: { ViewerProtocolPolicy: string; Compress: boolean };
    };
    expect(config.Origins[0]?.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    expect(config.Origins[0]?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: true,
    });
    const policy = template.Resources.PublicBucketPolicy;
    expect(policy?.Properties.Bucket).toEqual({ Ref: bucketId });
    expect(JSON.stringify(policy?.Properties)).toContain('cloudfront.amazonaws.com');
    expect(JSON.stringify(policy?.Properties)).toContain('AWS:SourceArn');
  });

  it('puts the API on the site’s origin under /v1/, uncached, and serves a folder’s index.html', () => {
    const [[, distribution] = []] = ofType('AWS::CloudFront::Distribution');
    const config = distribution?.Properties.DistributionConfig as {
      Origins: { Id: string; DomainName: unknown }[];
      CacheBehaviors: {
        PathPattern: string;
        TargetOriginId: string;
        CachePolicyId: string;
        AllowedMethods: string[];
      }[];
      DefaultCacheBehavior: { FunctionAssociations: { EventType: string; FunctionARN: unknown }[] };
    };
    const api = config.Origins.find((o) => o.Id === 'http-api');
    expect(JSON.stringify(api?.DomainName)).toContain('HttpApi');
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/v1/*',
        TargetOriginId: 'http-api',
        CachePolicyId: { Ref: 'SiteApiCachePolicy' },
        OriginRequestPolicyId: { Ref: 'SiteApiOriginRequestPolicy' },
        AllowedMethods: expect.arrayContaining(['PUT', 'POST']),
      }),
      // The widget's path: the bucket like every page, only with headers that let other sites frame it.
      expect.objectContaining({
        PathPattern: '/results/*/widget/*',
        TargetOriginId: 'site-with-fallback',
        AllowedMethods: ['GET', 'HEAD'],
        ResponseHeadersPolicyId: { Ref: 'SiteEmbedHeaders' },
      }),
    ]);
    // Uncached: nothing is kept past the answer's own no-store (MaxTTL is 1 only so that the key
    // may hold Authorization, which CloudFront passes on no other way).
    expect(template.Resources.SiteApiCachePolicy?.Properties.CachePolicyConfig).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 1,
    });
    const [[functionId, directoryIndex] = []] = ofType('AWS::CloudFront::Function');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionMetadata.FunctionARN'] },
      },
    ]);
    expect(String(directoryIndex?.Properties.FunctionCode)).toContain("request.uri += 'index.html'");
  });

  it('passes the API the viewer’s own address (CloudFront-Viewer-Address), every header the API reads, and never the viewer’s Host', () => {
    const cache = template.Resources.SiteApiCachePolicy?.Properties.CachePolicyConfig as {
      ParametersInCacheKeyAndForwardedToOrigin: {
        EnableAcceptEncodingGzip: boolean;
        EnableAcceptEncodingBrotli: boolean;
        HeadersConfig: { HeaderBehavior: string; Headers: string[] };
        QueryStringsConfig: { QueryStringBehavior: string };
      };
    };
    const origin = template.Resources.SiteApiOriginRequestPolicy?.Properties.OriginRequestPolicyConfig as {
      HeadersConfig: { HeaderBehavior: string; Headers: string[] };
      QueryStringsConfig: { QueryStringBehavior: string };
    };
    const key = cache.ParametersInCacheKeyAndForwardedToOrigin;
    // The sign-in throttle's client (shared/http/sign-in-throttle.ts): CloudFront's header, not the edge's address.
    expect(origin.HeadersConfig.HeaderBehavior).toBe('whitelist');
    expect(origin.HeadersConfig.Headers).toContain('CloudFront-Viewer-Address');
    // Named headers only, so the viewer's Host never reaches API Gateway (which would answer 403).
    expect(key.HeadersConfig.HeaderBehavior).toBe('whitelist');
    const passed = new Set(
      [
        ...key.HeadersConfig.Headers,
        ...origin.HeadersConfig.Headers,
        ...(key.EnableAcceptEncodingGzip && key.EnableAcceptEncodingBrotli ? ['Accept-Encoding'] : []),
        // The origin's own header, added by the distribution to every request (site.yml).
        'X-Origin-Verify',
      ].map((h) => h.toLowerCase()),
    );
    expect(passed.has('host')).toBe(false);
    expect([
      key.QueryStringsConfig.QueryStringBehavior,
      origin.QueryStringsConfig.QueryStringBehavior,
    ]).toEqual(['all', 'all']);
    // Every request header the API's code reads is one the distribution passes on.
    const sources = execFileSync('git', ['ls-files', 'shared', 'functions'], { encoding: 'utf8' })
      .split('\n')
      .filter((file) => file.endsWith('.ts'));
    const read = new Set(
      sources.flatMap((file) =>
        [
          ...readFileSync(join(PROJECT_ROOT, file), 'utf8').matchAll(
            /\bheader(?:Of)?\(\s*[\w.]+,\s*'([\w-]+)'\s*\)/g,
          ),
        ].map((m) => (m[1] ?? '').toLowerCase()),
      ),
    );
    expect(read.size).toBeGreaterThanOrEqual(8);
    expect([...read].filter((h) => !passed.has(h))).toEqual([]);
  });

  it('answers a path the bucket lacks through an origin group whose second origin is the API, never with CustomErrorResponses', () => {
    const [[, distribution] = []] = ofType('AWS::CloudFront::Distribution');
    const config = distribution?.Properties.DistributionConfig as {
      DefaultCacheBehavior: { TargetOriginId: string; AllowedMethods: string[] };
      CacheBehaviors: { PathPattern: string; TargetOriginId: string }[];
      OriginGroups: {
        Quantity: number;
        Items: {
          Id: string;
          FailoverCriteria: { StatusCodes: { Quantity: number; Items: number[] } };
          Members: { Quantity: number; Items: { OriginId: string }[] };
        }[];
      };
      CustomErrorResponses?: unknown;
    };
    const group = config.OriginGroups.Items.find((g) => g.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(config.OriginGroups.Quantity).toBe(config.OriginGroups.Items.length);
    // The bucket first; on a missing object (403 without s3:ListBucket, or 404) or a failure, the API.
    expect(group?.Members.Items.map((m) => m.OriginId)).toEqual(['public-bucket', 'http-api']);
    expect(group?.Members.Quantity).toBe(2);
    expect(group?.FailoverCriteria.StatusCodes.Items.sort()).toEqual([403, 404, 500, 502, 503, 504]);
    expect(group?.FailoverCriteria.StatusCodes.Quantity).toBe(6);
    // CloudFront fails over only for GET, HEAD and OPTIONS: the site's behaviour takes no other.
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    // The API's own errors reach clients unchanged: its behaviour goes to it alone, and no
    // distribution-wide custom error response rewrites any status.
    expect(config.CacheBehaviors.find((b) => b.PathPattern === '/v1/*')?.TargetOriginId).toBe('http-api');
    expect(config.CustomErrorResponses).toBeUndefined();
    // The API answers the site's paths from its $default route (functions/route-not-found).
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routes).toContain('$default');
  });

  it('sends the security headers of site/security-headers.ts on the site and the API, and lets only the distribution call the API', () => {
    const policies = Object.fromEntries(ofType('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(Object.keys(policies).sort()).toEqual(['SiteEmbedHeaders', 'SiteSecurityHeaders']);
    const sameHeaders = (policyId: string, headers: Readonly<Record<string, string>>) => {
      const config = (policies[policyId]?.Properties.ResponseHeadersPolicyConfig ?? {}) as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
        CustomHeadersConfig: { Items: { Header: string; Value: string }[] };
      };
      const security = config.SecurityHeadersConfig;
      expect(security.ContentSecurityPolicy?.ContentSecurityPolicy).toBe(headers['content-security-policy']);
      expect(`max-age=${security.StrictTransportSecurity?.AccessControlMaxAgeSec}; includeSubDomains`).toBe(
        headers['strict-transport-security'],
      );
      expect(security.FrameOptions?.FrameOption).toBe(headers['x-frame-options']);
      expect(security.ReferrerPolicy?.ReferrerPolicy).toBe(headers['referrer-policy']);
      expect(security.ContentTypeOptions).toEqual({ Override: true });
      for (const { Header, Value } of config.CustomHeadersConfig.Items)
        expect(Value).toBe(headers[Header.toLowerCase()]);
    };
    sameHeaders('SiteSecurityHeaders', SECURITY_HEADERS);
    expect(SECURITY_HEADERS['content-security-policy']).toBe(SITE_CSP);
    // The widget's path alone may be framed, by any site (its own policy).
    sameHeaders('SiteEmbedHeaders', EMBED_HEADERS);
    expect(EMBED_HEADERS['content-security-policy']).toContain('frame-ancestors *');
    const [[, distribution] = []] = ofType('AWS::CloudFront::Distribution');
    const site = distribution?.Properties.DistributionConfig as {
      DefaultCacheBehavior: Record<string, unknown>;
      CacheBehaviors: Record<string, unknown>[];
      Origins: { Id: string; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
    };
    for (const behaviour of [site.DefaultCacheBehavior, ...site.CacheBehaviors])
      expect(behaviour.ResponseHeadersPolicyId).toEqual({
        Ref: behaviour.PathPattern === EMBEDDABLE_PATH_PATTERN ? 'SiteEmbedHeaders' : 'SiteSecurityHeaders',
      });
    expect(site.CacheBehaviors.map((b) => b.PathPattern)).toContain(EMBEDDABLE_PATH_PATTERN);
    const header = site.Origins.find((o) => o.Id === 'http-api')?.OriginCustomHeaders?.[0];
    expect(header?.HeaderName).toBe('X-Origin-Verify');
    // The header is the secret's current value, resolved by CloudFormation: never the stack's id.
    expect(header?.HeaderValue).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
      'Fn::Sub': '{{resolve:secretsmanager:${OriginSecret}:SecretString:current}}',
    });
    expect(JSON.stringify(template)).not.toContain('AWS::StackId');
    expect(template.Resources.OriginSecret).toMatchObject({
      Type: 'AWS::SecretsManager::Secret',
      Properties: { GenerateSecretString: { GenerateStringKey: 'current', PasswordLength: 48 } },
    });
    const functions = ofType('AWS::Lambda::Function').map(([, f]) => f.Properties.Environment) as {
      Variables: Record<string, unknown>;
    }[];
    for (const environment of functions) {
      // In AWS the check is on (it fails closed); only `npm start` turns it off.
      expect(environment.Variables.ORIGIN_CHECK).toBe('on');
      expect(environment.Variables.ORIGIN_SECRET_ID).toEqual({ Ref: 'OriginSecret' });
      expect(JSON.stringify(environment.Variables.SITE_ORIGIN)).toContain('SiteDistribution');
    }
  });

  it('has two stream readers, the most a DynamoDB stream shard serves without throttling, each with partial batch failures, bisection and an SQS on-failure queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping')
      .map(([, m]) => m.Properties)
      .filter((m) => JSON.stringify(m.EventSourceArn).includes('StreamArn'));
    expect(mappings).toHaveLength(2);
    const aggregation = mappings.find((m) => JSON.stringify(m.FunctionName).includes('AggregateAndChain'));
    expect(aggregation).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['ResultsTable', 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      // Hardly ever given up (AWS's largest finite count; the local reader takes -1 as one
      // attempt): every retry is harmless, and an unreadable record is quarantined.
      MaximumRetryAttempts: 10000,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': ['AggregationFailuresQueue', 'Arn'] } },
      },
    });
    expect(JSON.stringify(aggregation?.FilterCriteria)).toContain('HISTORY#');
    expect(JSON.stringify(aggregation?.FilterCriteria)).toContain('TURNOUT#');
    expect(template.Resources.AggregationFailuresQueue?.Type).toBe('AWS::SQS::Queue');
    const publisher = mappings.find((m) => JSON.stringify(m.FunctionName).includes('PublishResults'));
    expect(publisher).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['ResultsTable', 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumBatchingWindowInSeconds: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['PublishFailuresQueue', 'Arn'] } } },
    });
    expect(JSON.stringify(publisher?.FilterCriteria)).toContain('AUDIT#HEAD');
  });

  it('gives each on-failure queue a consumer, with the visibility timeout Lambda requires of an SQS event source', () => {
    const functions = Object.fromEntries(ofType('AWS::Lambda::Function'));
    const fromQueues = ofType('AWS::Lambda::EventSourceMapping')
      .map(([, m]) => m.Properties)
      .filter((m) => JSON.stringify(m.EventSourceArn).includes('Queue'));
    const consumed = fromQueues.map((m) => (m.EventSourceArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]);
    expect(consumed.sort()).toEqual(['AggregationFailuresQueue', 'PublishFailuresQueue']);
    for (const mapping of fromQueues) {
      const queue =
        template.Resources[(mapping.EventSourceArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]];
      const functionId = (mapping.FunctionName as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      const timeout = Number(functions[functionId]?.Properties.Timeout);
      // CloudFormation refuses a queue whose visibility timeout is below its consumer's timeout.
      expect(Number(queue?.Properties.VisibilityTimeout)).toBeGreaterThanOrEqual(timeout);
      expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
  });

  it('deploys on an account with default quotas: no function reserves concurrency', () => {
    for (const [, f] of ofType('AWS::Lambda::Function'))
      expect(f.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('gives every function its own role, no shared one, and probes the stream and reconciles on schedules', () => {
    const functions = ofType('AWS::Lambda::Function');
    const roles = functions.map(
      ([, f]) => (f.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
    );
    expect(new Set(roles).size).toBe(functions.length);
    for (const role of roles) expect(template.Resources[role]?.Type).toBe('AWS::IAM::Role');
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
    const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
    expect(rules).toHaveLength(2);
    for (const target of ['ProbeStreamLambdaFunction', 'ReconcileElectionsLambdaFunction']) {
      const rule = rules.find((r) => JSON.stringify(r.Targets).includes(target));
      expect(rule, target).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
    }
  });

  it('lets the publisher read the site (the assets manifest) and health write nothing', () => {
    const statements = (roleId: string) =>
      (
        (template.Resources[roleId]?.Properties.Policies ?? []) as {
          PolicyDocument: { Statement: { Sid: string; Action: string[]; Resource: unknown }[] };
        }[]
      ).flatMap((p) => p.PolicyDocument.Statement);
    const publisher = statements('PublishResultsRole');
    expect(publisher).toContainEqual(
      expect.objectContaining({
        Action: ['s3:GetObject'],
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
        Resource: expect.arrayContaining([{ 'Fn::Sub': '${PublicBucket.Arn}/assets/manifest.json' }]),
      }),
    );
    const healthActions = statements('HealthRole').flatMap((s) => s.Action);
    const writes = /:(Put|Update|Delete|BatchWrite|Create|Send|Write)/;
    expect(healthActions.filter((a) => writes.test(a) && !a.startsWith('logs:'))).toEqual([]);
    // Only the stream readers and the consumers of their on-failure queues read the stream.
    const readers = [
      'AggregateAndChainRole',
      'PublishResultsRole',
      'RecoverAggregationRole',
      'RecoverPublicationRole',
    ];
    for (const [id, resource] of ofType('AWS::IAM::Role')) {
      const reads = JSON.stringify(resource.Properties).includes('dynamodb:GetRecords');
      expect(reads, id).toBe(readers.includes(id));
    }
  });

  it('keeps the officer code sheets in a bucket of their own: no public access, encrypted, TLS only, gone within a day; written by the job’s worker alone, read by the sheet route alone', () => {
    const bucket = template.Resources.OfficerCodeSheetsBucket;
    expect(bucket?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 1 })],
      },
    });
    const policy = JSON.stringify(template.Resources.OfficerCodeSheetsBucketPolicy?.Properties);
    expect(policy).toContain('"aws:SecureTransport":"false"');
    // Nothing serves it: no distribution origin names it.
    expect(JSON.stringify(template.Resources.SiteDistribution?.Properties)).not.toContain(
      'OfficerCodeSheets',
    );
    const touching = ofType('AWS::IAM::Role')
      .filter(([, role]) => JSON.stringify(role.Properties).includes('OfficerCodeSheetsBucket'))
      .map(([id, role]) => [id, JSON.stringify(role.Properties).match(/s3:(Get|Put)Object/g)]);
    expect(Object.fromEntries(touching)).toEqual({
      ReadOfficerTokenSheetRole: ['s3:GetObject'],
      RunOfficerTokenJobRole: ['s3:PutObject'],
    });
    // Its worker is started asynchronously by the job route alone, and Lambda retries it twice.
    const invokers = ofType('AWS::IAM::Role')
      .filter(([, role]) => JSON.stringify(role.Properties).includes('lambda:InvokeFunction'))
      .map(([id]) => id);
    expect(invokers).toContain('StartOfficerTokenJobRole');
    const invokingJobs = ofType('AWS::IAM::Role')
      .filter(([, role]) => JSON.stringify(role.Properties).includes('RunOfficerTokenJobLambdaFunction'))
      .map(([id]) => id);
    expect(invokingJobs).toEqual(['StartOfficerTokenJobRole']);
    const invokeConfig = ofType('AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties);
    expect(invokeConfig).toEqual([
      expect.objectContaining({ MaximumRetryAttempts: 2 }),
      expect.objectContaining({ MaximumRetryAttempts: 2 }),
    ]);
  });

  it('keeps the public log in its writer’s hands: only its role reads the signing key, which a resource policy refuses everyone else, and no other role may put the log’s files', () => {
    const roles = ofType('AWS::IAM::Role');
    const readersOfKey = roles
      .filter(([, role]) => JSON.stringify(role.Properties).includes('"LogSigningKey"'))
      .map(([id]) => id);
    expect(readersOfKey).toEqual(['AppendPublicLogRole']);
    const keyPolicy = template.Resources.LogSigningKeyPolicy?.Properties as {
      SecretId: unknown;
      ResourcePolicy: { Statement: Record<string, unknown>[] };
    };
    expect(keyPolicy.SecretId).toEqual({ Ref: 'LogSigningKey' });
    expect(keyPolicy.ResourcePolicy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'secretsmanager:GetSecretValue',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': ['AppendPublicLogRole', 'Arn'] } } },
      }),
    ]);
    // Every role that may put objects under results/ is denied the log's files, but its writer.
    const statementsOf = (role: Resource) =>
      (
        role.Properties.Policies as {
          PolicyDocument: { Statement: { Effect: string; Action: string[]; Resource: unknown }[] };
        }[]
      ).flatMap((p) => p.PolicyDocument.Statement);
    for (const [id, role] of roles) {
      const statements = statementsOf(role);
      const writesResults = statements.some(
        (s) =>
          s.Effect === 'Allow' &&
          s.Action.includes('s3:PutObject') &&
          JSON.stringify(s.Resource).includes('/results/'),
      );
      if (!writesResults || id === 'AppendPublicLogRole') continue;
      expect(
        statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Resource).includes('results/*/log/*')),
        id,
      ).toBe(true);
    }
    const writer = template.Resources.AppendPublicLogLambdaFunction?.Properties as {
      Environment: { Variables: Record<string, unknown> };
    };
    expect(writer.Environment.Variables.LOG_SIGNING_KEY_SECRET_ID).toEqual({ Ref: 'LogSigningKey' });
  });

  it('routes every contract endpoint through the HTTP API to its own function', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routes.sort()).toEqual(
      [
        'GET /v1/elections/{electionId}/sections/{sectionId}',
        'GET /v1/elections/{electionId}/sections/{sectionId}/history',
        'GET /v1/admin/quarantine',
        'GET /v1/admin/elections/{electionId}/audit',
        'GET /v1/admin/elections/{electionId}/export',
        'GET /v1/admin/elections/{electionId}/sections',
        'GET /v1/health',
        'GET /v1/session',
        'POST /v1/admin/elections/{electionId}/certify',
        'POST /v1/admin/elections/{electionId}/sections/{sectionId}/approve',
        'POST /v1/admin/elections/{electionId}/sections/{sectionId}/reopen',
        'POST /v1/admin/elections/{electionId}/officer-tokens',
        'POST /v1/admin/elections/{electionId}/officer-tokens/revoke',
        'POST /v1/admin/elections/{electionId}/officer-token-jobs',
        'GET /v1/admin/elections/{electionId}/officer-token-jobs/{jobId}',
        'GET /v1/admin/elections/{electionId}/officer-token-jobs/{jobId}/sheet',
        'PUT /v1/admin/elections/{electionId}',
        'PUT /v1/elections/{electionId}/sections/{sectionId}/results',
        'PUT /v1/elections/{electionId}/sections/{sectionId}/turnout/{slotId}',
        'PUT /v1/admin/staff/{username}',
        'DELETE /v1/admin/staff/{username}',
        'GET /v1/admin/staff',
        'GET /v1/admin/audit',
        'POST /v1/staff/sessions',
        'POST /v1/staff/password',
        'DELETE /v1/staff/sessions/current',
        // The broadcasts: staff post, each section's officer reads and acknowledges.
        'POST /v1/admin/elections/{electionId}/messages',
        'GET /v1/elections/{electionId}/sections/{sectionId}/messages',
        'POST /v1/elections/{electionId}/sections/{sectionId}/messages/{messageId}/ack',
        // Everything else: a 404 in the contract's error shape.
        '$default',
      ].sort(),
    );
    const functions = ofType('AWS::Lambda::Function').map(([, f]) => f.Properties);
    expect(
      functions.every((f) => f.Runtime === 'nodejs22.x' && JSON.stringify(f.Architectures) === '["arm64"]'),
    ).toBe(true);
  });
});

describe('what the operator sees of the night (infra/cloudformation/monitoring.cjs, night-dashboard.cjs)', () => {
  type AlarmProperties = {
    AlarmName: string;
    AlarmActions: unknown[];
    OKActions: unknown[];
    TreatMissingData?: string;
    ComparisonOperator: string;
    Namespace?: string;
    MetricName?: string;
    Statistic?: string;
    Dimensions?: { Name: string; Value: unknown }[];
    Threshold: number;
    Metrics?: {
      Id: string;
      Expression?: string;
      ReturnData?: boolean;
      MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] }; Stat: string };
    }[];
  };
  const alarms = () =>
    ofType('AWS::CloudWatch::Alarm').map(([id, a]) => ({ id, ...(a.Properties as AlarmProperties) }));
  const alarmOn = (metricName: string, dimensions?: { Name: string; Value: unknown }[]) =>
    alarms().filter(
      (a) =>
        a.MetricName === metricName &&
        (dimensions === undefined || JSON.stringify(a.Dimensions) === JSON.stringify(dimensions)),
    );
  const functionIds = () => ofType('AWS::Lambda::Function').map(([id]) => id);
  const dashboardBody = () => {
    const [[, dashboard] = []] = ofType('AWS::CloudWatch::Dashboard');
    const body = dashboard?.Properties.DashboardBody as { 'Fn::Sub': string } | undefined;
    return String(body?.['Fn::Sub']);
  };

  it('tells one SNS topic, and the operator’s e-mail from the AlarmEmail parameter only when one is given', () => {
    const parameter = template.Parameters.AlarmEmail;
    // Packaged with no ALARM_EMAIL (infra/local/package-service.ts): no subscription.
    expect(parameter).toMatchObject({ Type: 'String', Default: '' });
    const pattern = new RegExp(String(parameter?.AllowedPattern));
    expect(['', 'ops@comune.example.it'].every((value) => pattern.test(value))).toBe(true);
    expect(['ops', 'ops@', 'two@at@example.it'].some((value) => pattern.test(value))).toBe(false);
    expect(template.Conditions.HasAlarmEmail).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }],
    });
    expect(template.Resources.NightAlarmsTopic?.Type).toBe('AWS::SNS::Topic');
    const subscriptions = ofType('AWS::SNS::Subscription');
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.[1]).toMatchObject({
      Condition: 'HasAlarmEmail',
      Properties: {
        TopicArn: { Ref: 'NightAlarmsTopic' },
        Protocol: 'email',
        Endpoint: { Ref: 'AlarmEmail' },
      },
    });
    expect(template.Outputs.NightAlarmsTopicArn).toEqual({ Value: { Ref: 'NightAlarmsTopic' } });
  });

  it('has every alarm tell the topic when it goes off and when it is OK again, with missing data no breach', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.id).toEqual([{ Ref: 'NightAlarmsTopic' }]);
      expect(alarm.OKActions, alarm.id).toEqual([{ Ref: 'NightAlarmsTopic' }]);
      expect(alarm.TreatMissingData, alarm.id).toBe('notBreaching');
    }
    expect(new Set(alarms().map((a) => a.AlarmName)).size).toBe(alarms().length);
  });

  it('alarms on the iterator age of each stream reader (its maximum) and on a failure queue that is not empty', () => {
    for (const reader of ['AggregateAndChainLambdaFunction', 'PublishResultsLambdaFunction']) {
      const [alarm, ...others] = alarmOn('IteratorAge', [{ Name: 'FunctionName', Value: { Ref: reader } }]);
      expect(others, reader).toEqual([]);
      expect(alarm, reader).toMatchObject({
        Namespace: 'AWS/Lambda',
        Statistic: 'Maximum',
        Threshold: 60_000,
      });
    }
    for (const queue of ['AggregationFailuresQueue', 'PublishFailuresQueue']) {
      const queueName = [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }];
      const [alarm, ...others] = alarms().filter((a) =>
        a.Metrics?.some((m) => JSON.stringify(m.MetricStat?.Metric.Dimensions) === JSON.stringify(queueName)),
      );
      expect(others, queue).toEqual([]);
      expect(alarm, queue).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      // Waiting (visible) or taken by the consumer and not done (in flight, as a failing one leaves it).
      const byName = Object.fromEntries(
        (alarm?.Metrics ?? []).flatMap((m) => (m.MetricStat ? [[m.MetricStat.Metric.MetricName, m]] : [])),
      );
      for (const name of ['ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessagesNotVisible'])
        expect(byName[name]?.MetricStat, `${queue} ${name}`).toMatchObject({
          Metric: { Namespace: 'AWS/SQS', Dimensions: queueName },
          Stat: 'Maximum',
        });
      const watched = alarm?.Metrics?.filter((m) => m.ReturnData !== false) ?? [];
      expect(watched.map((m) => m.Expression)).toEqual([
        `FILL(${byName.ApproximateNumberOfMessagesVisible?.Id}, 0) + FILL(${byName.ApproximateNumberOfMessagesNotVisible?.Id}, 0)`,
      ]);
    }
  });

  it('alarms on the errors of every function, and on throttles anywhere in the account', () => {
    for (const id of functionIds())
      expect(alarmOn('Errors', [{ Name: 'FunctionName', Value: { Ref: id } }]), id).toHaveLength(1);
    expect(alarmOn('Throttles')).toEqual([
      expect.objectContaining({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 0 }),
    ]);
    expect(alarmOn('Throttles')[0]?.Dimensions).toEqual([]);
  });

  it('alarms on the HTTP API’s 5xx as a rate of its requests, by metric math', () => {
    const [alarm, ...others] = alarms().filter((a) =>
      a.Metrics?.some((m) => m.MetricStat?.Metric.MetricName === '5xx'),
    );
    expect(others).toEqual([]);
    const byId = Object.fromEntries((alarm?.Metrics ?? []).map((m) => [m.Id, m]));
    for (const [id, name] of [
      ['errors', '5xx'],
      ['requests', 'Count'],
    ])
      expect(byId[id ?? '']?.MetricStat).toEqual({
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: name,
          Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
        },
        Period: 60,
        Stat: 'Sum',
      });
    const watched = alarm?.Metrics?.filter((m) => m.ReturnData !== false) ?? [];
    expect(watched).toHaveLength(1);
    expect(watched[0]?.Expression).toMatch(/errors.*\/ requests/);
    expect(template.Resources.HttpApi?.Type).toBe('AWS::ApiGatewayV2::Api');
  });

  it('alarms on a publish slower than 60 s, from the metric shared/metrics.ts writes', () => {
    expect(alarmOn(METRIC.publishLatency)).toEqual([
      expect.objectContaining({
        Namespace: METRICS_NAMESPACE,
        Statistic: 'Maximum',
        Threshold: 60_000,
        ComparisonOperator: 'GreaterThanThreshold',
        Dimensions: [
          { Name: 'service', Value: METRICS_SERVICE },
          { Name: 'stage', Value: 'ci' },
        ],
      }),
    ]);
    // The functions write the same stage: serverless.yml's STAGE.
    for (const [, f] of ofType('AWS::Lambda::Function'))
      expect((f.Properties.Environment as { Variables: Record<string, unknown> }).Variables.STAGE).toBe('ci');
  });

  it('has one dashboard of the night: every metric of shared/metrics.ts, the readers, the queues, errors, throttles, the API, and every alarm', () => {
    expect(ofType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
    const text = dashboardBody();
    const body = JSON.parse(text) as {
      widgets: { type: string; properties: { metrics?: unknown[][]; alarms?: string[] } }[];
    };
    const charted = body.widgets
      .flatMap((w) => w.properties.metrics ?? [])
      .map((m) => m.slice(0, 2).join(' '));
    const expected = [
      ...Object.values(METRIC).map((name) => `${METRICS_NAMESPACE} ${name}`),
      'AWS/Lambda IteratorAge',
      'AWS/SQS ApproximateNumberOfMessagesVisible',
      'AWS/Lambda Errors',
      'AWS/Lambda Throttles',
      'AWS/ApiGateway Count',
      'AWS/ApiGateway 5xx',
    ];
    expect(expected.filter((line) => !charted.includes(line))).toEqual([]);
    const alarmWidget = body.widgets.find((w) => w.type === 'alarm');
    expect(alarmWidget?.properties.alarms?.sort()).toEqual(
      alarms()
        .map((a) => `\${${a.id}.Arn}`)
        .sort(),
    );
    // Every reference Fn::Sub fills in names a resource of this template (or the region).
    const references = [...text.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]?.split('.')[0] ?? '');
    expect(references.filter((ref) => ref !== 'AWS::Region' && !template.Resources[ref])).toEqual([]);
    expect(JSON.stringify(template.Outputs.NightDashboardUrl)).toContain(
      '#dashboards/dashboard/election-night-ci',
    );
  });

  it('charts and alarms on no metric of its namespace that shared/metrics.ts does not write', () => {
    const known = new Set<string>(Object.values(METRIC));
    const inAlarms = alarms()
      .filter((a) => a.Namespace === METRICS_NAMESPACE)
      .map((a) => a.MetricName);
    const inDashboard = (
      JSON.parse(dashboardBody()) as { widgets: { properties: { metrics?: unknown[][] } }[] }
    ).widgets
      .flatMap((w) => w.properties.metrics ?? [])
      .filter((m) => m[0] === METRICS_NAMESPACE)
      .map((m) => m[1]);
    expect([...inAlarms, ...inDashboard].filter((name) => !known.has(String(name)))).toEqual([]);
  });
});
