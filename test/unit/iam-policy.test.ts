import { describe, expect, it } from 'vitest';
import { dynamoDbPermissions } from '../../infra/local/iam/dynamodb-permissions.js';
import { resolveIntrinsics } from '../../infra/local/iam/intrinsics.js';
import { evaluate, matchesPattern, type PolicyStatement } from '../../infra/local/iam/policy.js';
import { s3Permissions } from '../../infra/local/iam/s3-permissions.js';

const TABLE = 'arn:aws:dynamodb:eu-south-1:000000000000:table/t';
const tableArn = (name: string) => `arn:aws:dynamodb:eu-south-1:000000000000:table/${name}`;

describe('IAM policy evaluation, as the local gate applies it', () => {
  const statements: PolicyStatement[] = [
    { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: TABLE },
    { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::site/*' },
    { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/secret/*' },
  ];

  it('allows what a statement names, on its resource only', () => {
    expect(evaluate(statements, { action: 'dynamodb:GetItem', resource: TABLE })).toBe('allowed');
    expect(evaluate(statements, { action: 'dynamodb:GetItem', resource: `${TABLE}-other` })).toBe(
      'not allowed',
    );
    expect(evaluate(statements, { action: 'dynamodb:PutItem', resource: TABLE })).toBe('not allowed');
  });

  it('matches actions without regard to case, resources with it, and wildcards in both', () => {
    expect(evaluate(statements, { action: 'DynamoDB:getitem', resource: TABLE })).toBe('allowed');
    expect(evaluate(statements, { action: 's3:GetObject', resource: 'arn:aws:s3:::site/a/b.json' })).toBe(
      'allowed',
    );
    expect(evaluate(statements, { action: 's3:GetObject', resource: 'arn:aws:s3:::SITE/a' })).toBe(
      'not allowed',
    );
    expect(matchesPattern('a?c', 'abc')).toBe(true);
    expect(matchesPattern('a?c', 'abbc')).toBe(false);
    expect(matchesPattern('arn:aws:s3:::b/*', 'arn:aws:s3:::b')).toBe(false);
  });

  it('lets an explicit deny win over any allow', () => {
    expect(evaluate(statements, { action: 's3:GetObject', resource: 'arn:aws:s3:::site/secret/k' })).toBe(
      'explicitly denied',
    );
  });

  it('reads NotAction and NotResource as IAM does', () => {
    const broad: PolicyStatement[] = [
      { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::x/*' },
    ];
    expect(evaluate(broad, { action: 's3:PutObject', resource: 'arn:aws:s3:::y/k' })).toBe('allowed');
    expect(evaluate(broad, { action: 'iam:PassRole', resource: 'arn:aws:s3:::y/k' })).toBe('not allowed');
    expect(evaluate(broad, { action: 's3:PutObject', resource: 'arn:aws:s3:::x/k' })).toBe('not allowed');
  });
});

describe('the permissions a DynamoDB call needs', () => {
  it('needs, for a transaction, the action of each item on its table', () => {
    const body = {
      TransactItems: [
        { Put: { TableName: 't' } },
        { Update: { TableName: 't' } },
        { Delete: { TableName: 'u' } },
        { ConditionCheck: { TableName: 't' } },
      ],
    };
    expect(dynamoDbPermissions('DynamoDB_20120810.TransactWriteItems', body, tableArn)).toEqual([
      { action: 'dynamodb:PutItem', resource: tableArn('t') },
      { action: 'dynamodb:UpdateItem', resource: tableArn('t') },
      { action: 'dynamodb:DeleteItem', resource: tableArn('u') },
      { action: 'dynamodb:ConditionCheckItem', resource: tableArn('t') },
    ]);
  });

  it('needs a batch action on every table of the batch, and a query on an index names the index', () => {
    expect(
      dynamoDbPermissions('DynamoDB_20120810.BatchGetItem', { RequestItems: { t: {}, u: {} } }, tableArn),
    ).toEqual([
      { action: 'dynamodb:BatchGetItem', resource: tableArn('t') },
      { action: 'dynamodb:BatchGetItem', resource: tableArn('u') },
    ]);
    expect(
      dynamoDbPermissions('DynamoDB_20120810.Query', { TableName: 't', IndexName: 'byTime' }, tableArn),
    ).toEqual([{ action: 'dynamodb:Query', resource: `${tableArn('t')}/index/byTime` }]);
  });
});

describe('the permissions an S3 call needs', () => {
  const call = (method: string, path: string, query = '', headers = {}, body = '') =>
    s3Permissions({ method, path, query: new URLSearchParams(query), headers, body });

  it('reads and heads objects with s3:GetObject, writes with s3:PutObject, on the decoded key', () => {
    expect(call('GET', '/site/results/a%20b.json')).toEqual([
      { action: 's3:GetObject', resource: 'arn:aws:s3:::site/results/a b.json' },
    ]);
    expect(call('HEAD', '/site/k')).toEqual([{ action: 's3:GetObject', resource: 'arn:aws:s3:::site/k' }]);
    expect(call('PUT', '/site/k')).toEqual([{ action: 's3:PutObject', resource: 'arn:aws:s3:::site/k' }]);
  });

  it('lists and heads the bucket with s3:ListBucket; a multi-object delete needs s3:DeleteObject per key', () => {
    expect(call('GET', '/site', 'list-type=2')).toEqual([
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::site' },
    ]);
    expect(call('HEAD', '/site')).toEqual([{ action: 's3:ListBucket', resource: 'arn:aws:s3:::site' }]);
    expect(
      call(
        'POST',
        '/site',
        'delete',
        {},
        '<Delete><Object><Key>a&amp;b</Key></Object><Object><Key>c</Key></Object></Delete>',
      ),
    ).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::site/a&b' },
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::site/c' },
    ]);
  });

  it('needs, for a copy, s3:GetObject on the source too', () => {
    expect(call('PUT', '/site/b', '', { 'x-amz-copy-source': '/site/a' })).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::site/b' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::site/a' },
    ]);
  });
});

describe('CloudFormation intrinsics resolved for the local stack', () => {
  const context = {
    region: 'eu-south-1',
    accountId: '000000000000',
    stackName: 's',
    resources: {
      Table: { ref: 't', attributes: { Arn: TABLE } },
      Bucket: { ref: 'b', attributes: { Arn: 'arn:aws:s3:::b' } },
    },
  };

  it('resolves Ref, GetAtt, Sub, Join, Select and Split', () => {
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['Table', 'Arn'] }, context)).toBe(TABLE);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
    expect(resolveIntrinsics({ 'Fn::Sub': '${Bucket.Arn}/*' }, context)).toBe('arn:aws:s3:::b/*');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
    expect(resolveIntrinsics({ 'Fn::Sub': 'arn:aws:logs:${AWS::Region}:${AWS::AccountId}:x' }, context)).toBe(
      'arn:aws:logs:eu-south-1:000000000000:x',
    );
    expect(resolveIntrinsics({ 'Fn::Join': ['-', [{ Ref: 'Table' }, 'x']] }, context)).toBe('t-x');
    expect(resolveIntrinsics({ 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, context)).toBe('b');
  });

  it('refuses what it cannot resolve instead of guessing', () => {
    expect(() => resolveIntrinsics({ Ref: 'Nowhere' }, context)).toThrow('cannot resolve Ref Nowhere');
    expect(() => resolveIntrinsics({ 'Fn::If': ['c', 1, 2] }, context)).toThrow('cannot resolve Fn::If');
  });
});
