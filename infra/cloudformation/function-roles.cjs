/**
 * One IAM role per function, least privilege: each may make only the calls its code makes, on
 * the table, the site's objects or the secret it touches. serverless.yml gives each function its
 * role (`role: <Key>Role`) and takes these resources through `${file(...)}`.
 *
 * Statements whose Sid starts with "Service" are used by Lambda itself on the function's behalf
 * (writing its logs, reading the stream for its event source mapping, sending a failed batch to
 * its on-failure queue); "Code" statements are what the function's own code calls ("CodeInAws" only
 * in AWS: the origin check, off locally where the API is called directly). Locally, the
 * IAM gate (infra/local/iam/) enforces every Code statement, and test/e2e/aws-permissions.test.ts
 * fails on any Code action a function never uses.
 */

const TABLE = { 'Fn::GetAtt': ['ResultsTable', 'Arn'] };
const STREAM = { 'Fn::GetAtt': ['ResultsTable', 'StreamArn'] };
const SITE = { 'Fn::GetAtt': ['PublicBucket', 'Arn'] };
const siteObjects = (...patterns) => patterns.map((p) => ({ 'Fn::Sub': `\${PublicBucket.Arn}/${p}` }));
const ORIGIN_SECRET = { Ref: 'OriginSecret' };
/** The public log's signing key (log-signing-key.yml): its writer's alone. */
const LOG_SIGNING_KEY = { Ref: 'LogSigningKey' };
/** The public log's files: only its writer puts them (every other writer of the site is denied them). */
const PUBLIC_LOG_FILES = ['results/*/log/*', 'results/log-key.txt'];
/** The private bucket of officer code sheets (code-sheets.yml): the jobs' parts only. */
const CODE_SHEET_PARTS = [{ 'Fn::Sub': `\${OfficerCodeSheetsBucket.Arn}/jobs/*` }];

/** Every API function checks its token (GetItem) and counts a failed sign-in (UpdateItem). */
const SIGN_IN = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];
/** ...and, in AWS, that the request came through the site (the origin secret). */
const API = { table: SIGN_IN, originSecret: true };
const READS = ['dynamodb:Query'];
/** A reviewed or submitted item: read its section, write it, its history and its audit record in one transaction. */
const SECTION_WRITE = [...SIGN_IN, ...READS, 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'];

/** Officer codes issued or revoked in bulk: pointers read in batches, then a transaction's puts and deletes. */
const CODE_CHANGES = ['dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'];

/** What each function's code calls. */
const GRANTS = {
  defineElection: { ...API, table: [...SIGN_IN, ...READS, 'dynamodb:PutItem', 'dynamodb:BatchWriteItem'] },
  // Token pointers read 100 at a time; each section's change in a transaction (CODE_CHANGES).
  issueOfficerTokens: { ...API, table: [...SIGN_IN, ...READS, ...CODE_CHANGES] },
  revokeOfficerTokens: { ...API, table: [...SIGN_IN, ...READS, ...CODE_CHANGES] },
  // A bulk code job: its record (Put), the sections named checked (Query), its worker started.
  startOfficerTokenJob: {
    ...API,
    table: [...SIGN_IN, ...READS, 'dynamodb:PutItem'],
    invokes: 'RunOfficerTokenJobLambdaFunction',
  },
  // The job's record is one GetItem, which every API function has.
  readOfficerTokenJob: { ...API },
  readOfficerTokenSheet: { ...API, readCodeSheets: CODE_SHEET_PARTS },
  // Takes the job and moves it on (GetItem, UpdateItem), changes the codes, writes each part's sheet.
  runOfficerTokenJob: {
    table: ['dynamodb:GetItem', 'dynamodb:UpdateItem', ...READS, ...CODE_CHANGES],
    writeCodeSheets: CODE_SHEET_PARTS,
  },
  submitTurnout: { ...API, table: SECTION_WRITE },
  submitResults: { ...API, table: SECTION_WRITE },
  readSection: { ...API, table: [...SIGN_IN, ...READS] },
  readSectionHistory: { ...API, table: [...SIGN_IN, ...READS] },
  // A broadcast: the election's state read (GetItem), the message put once.
  sendStaffMessage: { ...API, table: [...SIGN_IN, 'dynamodb:PutItem'] },
  // The latest messages and the section's acknowledgements (Query); the contact is an UpdateItem.
  readOfficerMessages: { ...API, table: [...SIGN_IN, ...READS] },
  // The message read (GetItem), the acknowledgement kept once (UpdateItem): SIGN_IN's own actions.
  acknowledgeMessage: { ...API },
  approveSection: { ...API, table: SECTION_WRITE },
  reopenSection: { ...API, table: SECTION_WRITE },
  // Locks the election with its record; with two approvals, the first checked in the same transaction.
  certifyElection: {
    ...API,
    table: [...SIGN_IN, ...READS, 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  },
  listQuarantine: { ...API, table: [...SIGN_IN, ...READS] },
  // Every section (Query), then their current items and last contacts by key, 100 to a BatchGetItem;
  // the broadcasts and their acknowledgements (Query).
  listSectionStates: { ...API, table: [...SIGN_IN, ...READS, 'dynamodb:BatchGetItem'] },
  exportElection: { ...API, table: [...SIGN_IN, ...READS, 'dynamodb:BatchGetItem'] },
  readAudit: { ...API, table: [...SIGN_IN, ...READS] },
  readSession: { ...API },
  // Staff accounts: the account read (GetItem), then written with its trail record in one transaction.
  putStaffAccount: { ...API, table: [...SIGN_IN, 'dynamodb:PutItem'] },
  disableStaffAccount: { ...API, table: [...SIGN_IN, 'dynamodb:PutItem'] },
  listStaffAccounts: { ...API, table: [...SIGN_IN, ...READS] },
  // Sign-in: the account, the failures counted; the session, the code's step and the record in one transaction.
  startStaffSession: { ...API, table: [...SIGN_IN, 'dynamodb:PutItem'] },
  endStaffSession: { ...API, table: [...SIGN_IN, 'dynamodb:PutItem', 'dynamodb:DeleteItem'] },
  changeStaffPassword: { ...API, table: [...SIGN_IN, 'dynamodb:PutItem'] },
  readDeploymentAudit: { ...API, table: [...SIGN_IN, ...READS] },
  // Reads only: whether the table, the bucket and both stream readers answer (probeStream writes the probes).
  health: { originSecret: true, table: ['dynamodb:BatchGetItem'], listSite: true },
  // No AWS call at all: a 404 in the contract's shape.
  routeNotFound: { originSecret: true },
  // Writes a probe item every minute; both stream readers answer it.
  probeStream: { table: ['dynamodb:PutItem'] },
  // A plan's transaction checks the partner of a section's outlook source it read and does not write.
  // ...and, after chaining, starts the public log's writer.
  aggregateAndChain: {
    stream: 'AggregationFailuresQueue',
    table: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
    invokes: 'AppendPublicLogLambdaFunction',
  },
  // The public log's writer: its state and lease (GetItem, UpdateItem), the chain (Query), the
  // tiles it builds on (GetObject; ListBucket so a first key file reads as missing), its files, its key.
  appendPublicLog: {
    table: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    readSite: siteObjects(...PUBLIC_LOG_FILES),
    listSite: true,
    writeSite: siteObjects(...PUBLIC_LOG_FILES),
    logSigningKey: true,
  },
  // The periodic reconciliation: reads sections and what the totals took in, repairs through the
  // guarded aggregation (a totals correction checks every part unmoved); the publisher follows it.
  reconcileElections: {
    table: [
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:ConditionCheckItem',
    ],
    // A log behind its chain gets its writer started (the chain's head and the log's state, GetItem above).
    invokes: 'AppendPublicLogLambdaFunction',
  },
  publishResults: {
    stream: 'PublishFailuresQueue',
    table: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ],
    // The manifest names the assets the pages link; without s3:ListBucket a missing manifest
    // (before the first site upload) would read as AccessDenied, not as missing. A publish
    // overtaken by a newer one rewrites the pages from that newer snapshot. The previous election
    // a definition compares with is read as published: its pointer, snapshot and section files.
    readSite: siteObjects(
      'assets/manifest.json',
      'results/*/snapshots/*',
      'results/*/latest.json',
      'results/*/sections/*',
    ),
    listSite: true,
    writeSite: siteObjects('results/*', 'index.html', 'index.en.html'),
    neverWrites: siteObjects(...PUBLIC_LOG_FILES),
  },
};

/**
 * The on-failure queues' consumers read their failed batch again from the stream, then do exactly
 * what the reader they stand in for does, through the same code: they hold that reader's grants
 * (which the local night proves used and sufficient), plus the stream reads. Locally they run only
 * when a batch is given up (infra/local/streams/), which the permissions night does not do, so
 * their code statements are "CodeInAws": enforced by the local gate, not required to be used.
 */
const recoveryOf = (reader, queue) => {
  const { stream: _ownQueue, ...calls } = GRANTS[reader];
  return { ...calls, queue, readStream: true, inAwsOnly: true };
};
GRANTS.recoverAggregation = recoveryOf('aggregateAndChain', 'AggregationFailuresQueue');
GRANTS.recoverPublication = recoveryOf('publishResults', 'PublishFailuresQueue');

const upperFirst = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function statementsOf(key, grant) {
  const statements = [
    {
      Sid: 'ServiceWritesLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [`${upperFirst(key)}LogGroup`, 'Arn'] },
    },
  ];
  if (grant.stream) {
    statements.push(
      {
        Sid: 'ServiceReadsStream',
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        Resource: STREAM,
      },
      // ListStreams takes no resource ARN.
      { Sid: 'ServiceListsStreams', Effect: 'Allow', Action: ['dynamodb:ListStreams'], Resource: '*' },
      {
        Sid: 'ServiceSendsFailedBatches',
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: { 'Fn::GetAtt': [grant.stream, 'Arn'] },
      },
    );
  }
  if (grant.queue)
    statements.push({
      Sid: 'ServiceReceivesQueue',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      Resource: { 'Fn::GetAtt': [grant.queue, 'Arn'] },
    });
  if (grant.readStream)
    statements.push({
      Sid: 'CodeReadsStream',
      Effect: 'Allow',
      Action: ['dynamodb:GetShardIterator', 'dynamodb:GetRecords'],
      Resource: STREAM,
    });
  if (grant.table)
    statements.push({ Sid: 'CodeUsesTable', Effect: 'Allow', Action: grant.table, Resource: TABLE });
  if (grant.readSite)
    statements.push({
      Sid: 'CodeReadsSite',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: grant.readSite,
    });
  if (grant.listSite)
    statements.push({ Sid: 'CodeListsSite', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: SITE });
  if (grant.writeSite)
    statements.push({
      Sid: 'CodeWritesSite',
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: grant.writeSite,
    });
  if (grant.readCodeSheets)
    statements.push({
      Sid: 'CodeReadsCodeSheets',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: grant.readCodeSheets,
    });
  if (grant.writeCodeSheets)
    statements.push({
      Sid: 'CodeWritesCodeSheets',
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: grant.writeCodeSheets,
    });
  if (grant.invokes)
    statements.push({
      Sid: 'CodeStartsWorker',
      Effect: 'Allow',
      Action: ['lambda:InvokeFunction'],
      Resource: { 'Fn::GetAtt': [grant.invokes, 'Arn'] },
    });
  if (grant.logSigningKey)
    statements.push({
      Sid: 'CodeInAwsReadsLogSigningKey',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: LOG_SIGNING_KEY,
    });
  // Not a grant: a wide grant's hole, so no role but the log writer's can put the log's files.
  if (grant.neverWrites)
    statements.push({
      Sid: 'GuardNeverWritesPublicLog',
      Effect: 'Deny',
      Action: ['s3:PutObject'],
      Resource: grant.neverWrites,
    });
  if (grant.originSecret)
    statements.push({
      Sid: 'CodeInAwsReadsOriginSecret',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: ORIGIN_SECRET,
    });
  return grant.inAwsOnly ? statements.map(onlyInAws) : statements;
}

/** A code statement of a function that runs only in AWS, named so the local checks skip it. */
const onlyInAws = (statement) =>
  statement.Sid.startsWith('Code') && !statement.Sid.startsWith('CodeInAws')
    ? { ...statement, Sid: statement.Sid.replace(/^Code/, 'CodeInAws') }
    : statement;

function roleOf(key, grant) {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `${key}: only the calls its code makes`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
      Policies: [
        {
          PolicyName: 'least-privilege',
          PolicyDocument: { Version: '2012-10-17', Statement: statementsOf(key, grant) },
        },
      ],
    },
  };
}

module.exports = () => ({
  Resources: Object.fromEntries(
    Object.entries(GRANTS).map(([key, grant]) => [`${upperFirst(key)}Role`, roleOf(key, grant)]),
  ),
});
module.exports.GRANTS = GRANTS;
