/**
 * One CloudWatch dashboard of the night (README, Runbook): the alarms' states first, then what
 * officers send, how far behind the stream readers are, how fresh the public site is, what
 * failed, and what healed itself. The stack output NightDashboardUrl links it.
 *
 * The body is JSON with `${...}` references that Fn::Sub fills in (the region, each function's
 * and queue's name, the API's id, each alarm's ARN), so it always names this stack's resources.
 */
const { NIGHT, STREAM_READERS, LIMITS, functionId, watchedOf, alarmIds } = require('./monitoring.cjs');

const REGION = `\${AWS::Region}`;

/** A chart of one-minute points; `metrics` as CloudWatch's dashboard body writes them. */
const chart = (title, metrics, extra = {}) => ({
  type: 'metric',
  width: 12,
  height: 6,
  properties: { title, region: REGION, view: 'timeSeries', period: 60, metrics, ...extra },
});

const limitLine = (label, value) => ({ annotations: { horizontal: [{ label, value }] } });
const fromZero = { yAxis: { left: { min: 0 } } };

function widgets({ stage, functionKeys, alarms }) {
  const night = (name, stat, dimensions = [], label = stat) => [
    NIGHT.namespace,
    name,
    'service',
    NIGHT.service,
    'stage',
    stage,
    ...dimensions,
    { stat, label },
  ];
  const byKind = (name) => ['results', 'turnout'].map((kind) => night(name, 'Sum', ['kind', kind], kind));
  const lambda = (name, key, stat) => [
    'AWS/Lambda',
    name,
    'FunctionName',
    `\${${functionId(key)}}`,
    { stat, label: key },
  ];
  const api = (name, options) => [
    'AWS/ApiGateway',
    name,
    'ApiId',
    `\${HttpApi}`,
    { stat: 'Sum', ...options },
  ];
  return [
    {
      type: 'alarm',
      width: 24,
      height: 4,
      properties: { title: 'Alarms of the night', alarms: alarms.map((id) => `\${${id}.Arn}`) },
    },
    chart('Submissions stored, per minute', byKind(NIGHT.submissionsStored), fromZero),
    chart('Counts and readings flagged for review, per minute', byKind(NIGHT.countsFlagged), fromZero),
    chart(
      'Aggregation lag: a stream record’s age when applied (ms)',
      [night(NIGHT.aggregationLag, 'Maximum'), night(NIGHT.aggregationLag, 'p95')],
      fromZero,
    ),
    chart(
      'Stream readers’ iterator age (ms, maximum)',
      STREAM_READERS.map(({ key }) => lambda('IteratorAge', key, 'Maximum')),
      { ...fromZero, ...limitLine('alarm', LIMITS.ITERATOR_AGE_LIMIT_MS) },
    ),
    chart(
      'Publish latency: oldest unpublished change to latest.json (ms)',
      [night(NIGHT.publishLatency, 'Maximum'), night(NIGHT.publishLatency, 'p95')],
      { ...fromZero, ...limitLine('alarm', LIMITS.PUBLISH_LATENCY_LIMIT_MS) },
    ),
    chart(
      'Failure queues: messages waiting, and taken but not done',
      STREAM_READERS.flatMap(({ queue }) =>
        [
          ['ApproximateNumberOfMessagesVisible', 'waiting'],
          ['ApproximateNumberOfMessagesNotVisible', 'in flight'],
        ].map(([name, what]) => [
          'AWS/SQS',
          name,
          'QueueName',
          `\${${queue}.QueueName}`,
          { stat: 'Maximum', label: `${queue}, ${what}` },
        ]),
      ),
      fromZero,
    ),
    chart(
      'Errors, per function and minute',
      functionKeys.map((key) => lambda('Errors', key, 'Sum')),
      fromZero,
    ),
    chart(
      'Lambda in this account and region: throttles and concurrency',
      [
        ['AWS/Lambda', 'Throttles', { stat: 'Sum', label: 'throttled invocations' }],
        [
          'AWS/Lambda',
          'ConcurrentExecutions',
          { stat: 'Maximum', label: 'concurrent executions', yAxis: 'right' },
        ],
      ],
      fromZero,
    ),
    chart(
      'API requests and errors, per minute',
      [api('Count', { label: 'requests' }), api('4xx', { label: '4xx' }), api('5xx', { label: '5xx' })],
      fromZero,
    ),
    chart(
      'API 5xx, percent of requests',
      [
        api('Count', { id: 'requests', visible: false }),
        api('5xx', { id: 'errors', visible: false }),
        [{ id: 'rate', expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)', label: '5xx %' }],
      ],
      { ...fromZero, ...limitLine('alarm', LIMITS.API_5XX_LIMIT_PERCENT) },
    ),
    chart('Differences healed by reconciliation', [night(NIGHT.differencesHealed, 'Sum')], fromZero),
    chart('Stream records quarantined', [night(NIGHT.recordsQuarantined, 'Sum')], fromZero),
  ];
}

module.exports = async (serverless) => {
  const watched = await watchedOf(serverless);
  const body = { widgets: widgets({ ...watched, alarms: alarmIds(watched) }) };
  return {
    Resources: {
      NightDashboard: {
        Type: 'AWS::CloudWatch::Dashboard',
        Properties: {
          DashboardName: watched.stack,
          DashboardBody: { 'Fn::Sub': JSON.stringify(body) },
        },
      },
    },
    Outputs: {
      NightDashboardUrl: {
        Value: {
          'Fn::Sub': `https://\${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=\${AWS::Region}#dashboards/dashboard/${watched.stack}`,
        },
      },
    },
  };
};
