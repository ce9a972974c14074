import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, lambdaBundles, packageService } from '../../infra/cli/bench/lambda-bundles.js';
import { unzip } from '../../infra/cli/bench/zip.js';
import { tableDefinition } from '../../infra/local/table.js';
import { SECURITY_HEADERS, SITE_CSP } from '../../site/security-headers.js';

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
let template: { Resources: Record<string, Resource>; Outputs: Record<string, unknown> };
let packageDir: string;

const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

beforeAll(() => {
  // Prepare: `serverless package` needs no AWS credentials with osls; prove it by offering none.
  packageDir = mkdtempSync(join(tmpdir(), 'election-night-package-'));
  packageService(packageDir);
  template = JSON.parse(readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 120_000);

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
    expect(table?.DeletionPolicy).toBe('Retain');
  });

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
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        AllowedMethods: expect.arrayContaining(['PUT', 'POST']),
      }),
    ]);
    const [[functionId, directoryIndex] = []] = ofType('AWS::CloudFront::Function');
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionMetadata.FunctionARN'] },
      },
    ]);
    expect(String(directoryIndex?.Properties.FunctionCode)).toContain("request.uri += 'index.html'");
  });

  it('sends the security headers of site/security-headers.ts on the site and the API, and lets only the distribution call the API', () => {
    const [[policyId, policy] = []] = ofType('AWS::CloudFront::ResponseHeadersPolicy');
    const config = (policy?.Properties.ResponseHeadersPolicyConfig ?? {}) as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: { Header: string; Value: string }[] };
    };
    const security = config.SecurityHeadersConfig;
    expect(security.ContentSecurityPolicy?.ContentSecurityPolicy).toBe(SITE_CSP);
    expect(`max-age=${security.StrictTransportSecurity?.AccessControlMaxAgeSec}; includeSubDomains`).toBe(
      SECURITY_HEADERS['strict-transport-security'],
    );
    expect(security.FrameOptions?.FrameOption).toBe(SECURITY_HEADERS['x-frame-options']);
    expect(security.ReferrerPolicy?.ReferrerPolicy).toBe(SECURITY_HEADERS['referrer-policy']);
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    for (const { Header, Value } of config.CustomHeadersConfig.Items)
      expect(Value).toBe(SECURITY_HEADERS[Header.toLowerCase()]);
    const [[, distribution] = []] = ofType('AWS::CloudFront::Distribution');
    const site = distribution?.Properties.DistributionConfig as {
      DefaultCacheBehavior: Record<string, unknown>;
      CacheBehaviors: Record<string, unknown>[];
      Origins: { Id: string; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }[];
    };
    for (const behaviour of [site.DefaultCacheBehavior, ...site.CacheBehaviors])
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const secret = site.Origins.find((o) => o.Id === 'http-api')?.OriginCustomHeaders?.[0];
    expect(secret?.HeaderName).toBe('X-Origin-Verify');
    const functions = ofType('AWS::Lambda::Function').map(([, f]) => f.Properties.Environment) as {
      Variables: Record<string, unknown>;
    }[];
    for (const environment of functions) {
      expect(environment.Variables.ORIGIN_VERIFY).toEqual(secret?.HeaderValue);
      expect(JSON.stringify(environment.Variables.SITE_ORIGIN)).toContain('SiteDistribution');
    }
  });

  it('feeds the aggregation from the stream with partial batch failures, bisection, bounded retries and an SQS on-failure queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    const aggregation = mappings.find((m) => JSON.stringify(m.FunctionName).includes('AggregateResults'));
    expect(aggregation).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': ['ResultsTable', 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': ['AggregationFailuresQueue', 'Arn'] } },
      },
    });
    expect(template.Resources.AggregationFailuresQueue?.Type).toBe('AWS::SQS::Queue');
    const publisher = mappings.find((m) => JSON.stringify(m.FunctionName).includes('PublishResults'));
    expect(publisher).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumBatchingWindowInSeconds: 3,
    });
    const auditor = mappings.find((m) => JSON.stringify(m.FunctionName).includes('ChainAudit'));
    expect(auditor).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['AuditFailuresQueue', 'Arn'] } } },
    });
    expect(JSON.stringify(auditor?.FilterCriteria)).toContain('HISTORY#');
    expect(JSON.stringify(publisher?.FilterCriteria)).toContain('AUDIT#HEAD');
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
        'PUT /v1/admin/elections/{electionId}',
        'PUT /v1/elections/{electionId}/sections/{sectionId}/results',
        'PUT /v1/elections/{electionId}/sections/{sectionId}/turnout/{slotId}',
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
