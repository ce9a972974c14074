/**
 * What tells the operator the night is going wrong (README, Runbook): the alarms, the SNS topic
 * they tell, and the operator's e-mail on it when the deploy names one. night-dashboard.cjs
 * charts the same metrics.
 *
 * A script, not YAML, because some of it follows serverless.yml: an Errors alarm for every
 * function it defines, so a function added later is watched without an edit here. serverless.yml
 * takes it through `${file(...)}`, as function-roles.cjs.
 *
 * Every alarm tells the topic when it goes to ALARM and when it is OK again. Missing data is
 * never a breach: Lambda, SQS and API Gateway write no datapoint when nothing happens (a quiet
 * night, an empty queue), and the stream probe (probeStream, every minute) keeps both stream
 * readers invoked, so their iterator age and errors have data whenever they run.
 */

/** The names shared/metrics.ts writes (test/integration/deployment-template.test.ts checks they agree). */
const NIGHT = {
  namespace: 'ElectionNight',
  service: 'election-night',
  submissionsStored: 'SubmissionsStored',
  countsFlagged: 'CountsFlagged',
  recordsQuarantined: 'RecordsQuarantined',
  aggregationLag: 'AggregationLagMs',
  publishLatency: 'PublishLatencyMs',
  differencesHealed: 'ReconcileDifferencesHealed',
};

/** The stream readers and the on-failure queue of each (queues.yml). */
const STREAM_READERS = [
  { key: 'aggregateAndChain', queue: 'AggregationFailuresQueue' },
  { key: 'publishResults', queue: 'PublishFailuresQueue' },
];

/** Behind by more than a minute: what a reader waits for is at most a few seconds' batching window. */
const ITERATOR_AGE_LIMIT_MS = 60_000;
/** The bound on submit-to-published: a publish slower than this is the night going wrong. */
const PUBLISH_LATENCY_LIMIT_MS = 60_000;
/** Percent of the API's requests answered 5xx. */
const API_5XX_LIMIT_PERCENT = 5;

const upperFirst = (text) => text.charAt(0).toUpperCase() + text.slice(1);
/** The logical id serverless gives a function's resource. */
const functionId = (key) => `${upperFirst(key)}LambdaFunction`;

const TOPIC = { Ref: 'NightAlarmsTopic' };

/** An alarm that tells the topic both ways; `watch` is the metric (or the metric math) it watches. */
function alarm(name, description, watch, condition) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      AlarmDescription: `${description} README, Runbook.`,
      AlarmActions: [TOPIC],
      OKActions: [TOPIC],
      TreatMissingData: 'notBreaching',
      ComparisonOperator: 'GreaterThanThreshold',
      ...watch,
      ...condition,
    },
  };
}

const dimensionsOf = (dimensions) => Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));

/** One metric, one statistic, one-minute periods. */
const metric = (Namespace, MetricName, dimensions, Statistic) => ({
  Namespace,
  MetricName,
  Dimensions: dimensionsOf(dimensions),
  Statistic,
  Period: 60,
});

/** One metric of an alarm's metric math, by its id: a statistic over one-minute periods. */
const query = (Id, Namespace, MetricName, dimensions, Stat) => ({
  Id,
  ReturnData: false,
  MetricStat: { Metric: { Namespace, MetricName, Dimensions: dimensionsOf(dimensions) }, Period: 60, Stat },
});

/** `datapoints` of the last `minutes` one-minute periods over `threshold`. */
const over = (threshold, datapoints, minutes) => ({
  Threshold: threshold,
  DatapointsToAlarm: datapoints,
  EvaluationPeriods: minutes,
});

function alarms({ stack, stage, functionKeys }) {
  const night = { service: NIGHT.service, stage };
  const resources = {};
  for (const { key, queue } of STREAM_READERS) {
    resources[`${upperFirst(key)}IteratorAgeAlarm`] = alarm(
      `${stack} ${key} behind (IteratorAge)`,
      `The oldest stream record ${key} has not yet handled is over a minute old, two minutes in three: it is behind, or failing and retrying.`,
      metric('AWS/Lambda', 'IteratorAge', { FunctionName: { Ref: functionId(key) } }, 'Maximum'),
      over(ITERATOR_AGE_LIMIT_MS, 2, 3),
    );
    // Waiting or in flight: the queue's consumer takes a message at once, so one it fails on is
    // mostly in flight (hidden for the visibility timeout, then taken again) and the visible
    // count alone would stay near 0. A healthy consumer has a message done within seconds.
    const messages = { QueueName: { 'Fn::GetAtt': [queue, 'QueueName'] } };
    resources[`${queue}DepthAlarm`] = alarm(
      `${stack} ${queue} not empty`,
      `A batch ${key} gave up on has been in ${queue} (waiting, or taken and not done) three minutes running: what it carries is missing from the totals or the site until re-applied.`,
      {
        Metrics: [
          query('visible', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', messages, 'Maximum'),
          query('inFlight', 'AWS/SQS', 'ApproximateNumberOfMessagesNotVisible', messages, 'Maximum'),
          {
            Id: 'messages',
            Label: 'messages waiting or in flight',
            Expression: 'FILL(visible, 0) + FILL(inFlight, 0)',
            ReturnData: true,
          },
        ],
      },
      over(0, 3, 3),
    );
  }
  // Errors per function: the alarm names the one failing, and each has its own runbook line (an
  // API function's error is a crash or a timeout, its answers' errors are 4xx; a stream reader's
  // is a failed batch, retried). Metric math could sum at most 10 functions per alarm.
  for (const key of functionKeys)
    resources[`${upperFirst(key)}ErrorsAlarm`] = alarm(
      `${stack} ${key} errors`,
      `${key} failed (an exception, a timeout, out of memory) in two of the last three minutes.`,
      metric('AWS/Lambda', 'Errors', { FunctionName: { Ref: functionId(key) } }, 'Sum'),
      over(0, 2, 3),
    );
  // Throttles account-wide: no function reserves concurrency, so every function draws on the one
  // pool of the account and region, and a throttle anywhere in it means ours are refused next.
  resources.LambdaThrottlesAlarm = alarm(
    `${stack} Lambda throttled (account)`,
    'Lambda refused invocations in this account and region: its concurrency is exhausted; the API answers some requests with errors and the stream readers fall behind.',
    metric('AWS/Lambda', 'Throttles', {}, 'Sum'),
    over(0, 1, 1),
  );
  // The HTTP API's 5xx as a share of its requests: a count alone would alarm on a busy night's
  // few failures and miss a quiet night's many.
  const api = { ApiId: { Ref: 'HttpApi' } };
  resources.Api5xxRateAlarm = alarm(
    `${stack} API 5xx rate`,
    `More than ${API_5XX_LIMIT_PERCENT}% of the API's requests answered 5xx, three minutes in five.`,
    {
      Metrics: [
        query('requests', 'AWS/ApiGateway', 'Count', api, 'Sum'),
        query('errors', 'AWS/ApiGateway', '5xx', api, 'Sum'),
        {
          Id: 'rate',
          Label: 'percent of requests answered 5xx',
          Expression: 'IF(requests > 0, 100 * FILL(errors, 0) / requests, 0)',
          ReturnData: true,
        },
      ],
    },
    over(API_5XX_LIMIT_PERCENT, 3, 5),
  );
  resources.PublishLatencyAlarm = alarm(
    `${stack} publish latency over 60 s`,
    'A publish wrote latest.json more than 60 s after the oldest change it made public.',
    metric(NIGHT.namespace, NIGHT.publishLatency, night, 'Maximum'),
    over(PUBLISH_LATENCY_LIMIT_MS, 1, 1),
  );
  return resources;
}

/** What the night's resources follow from serverless.yml: the stack's name, its stage and its functions. */
async function watchedOf({ resolveVariable, resolveConfigurationProperty }) {
  const service = await resolveVariable('self:service');
  const stage = await resolveVariable('sls:stage');
  const functionKeys = Object.keys((await resolveConfigurationProperty(['functions'])) ?? {});
  return { stack: `${service}-${stage}`, stage, functionKeys };
}

module.exports = async (serverless) => {
  const watched = await watchedOf(serverless);
  return {
    Parameters: {
      AlarmEmail: {
        Type: 'String',
        // Read at packaging (ALARM_EMAIL=... npm run deploy), not passed as a stack parameter:
        // osls passes provider.stackParameters to the first, bare stack it creates too, which
        // declares none, and CloudFormation refuses a parameter its template does not declare.
        Default: process.env.ALARM_EMAIL ?? '',
        AllowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        ConstraintDescription: 'an e-mail address, or empty for no subscription',
        Description:
          "The operator's e-mail, told when an alarm of the night goes off and when it is OK again.",
      },
    },
    Conditions: {
      HasAlarmEmail: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }] },
    },
    Resources: {
      NightAlarmsTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: { DisplayName: `${watched.stack} alarms` },
      },
      // Confirmed by the operator from the e-mail AWS sends; until then it receives nothing.
      NightAlarmsEmail: {
        Type: 'AWS::SNS::Subscription',
        Condition: 'HasAlarmEmail',
        Properties: { TopicArn: TOPIC, Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' } },
      },
      ...alarms(watched),
    },
    Outputs: {
      NightAlarmsTopicArn: { Value: TOPIC },
    },
  };
};
module.exports.NIGHT = NIGHT;
module.exports.STREAM_READERS = STREAM_READERS;
module.exports.LIMITS = { ITERATOR_AGE_LIMIT_MS, PUBLISH_LATENCY_LIMIT_MS, API_5XX_LIMIT_PERCENT };
module.exports.functionId = functionId;
module.exports.watchedOf = watchedOf;
/** The logical ids of the alarms, for the dashboard's alarm widget. */
module.exports.alarmIds = (watched) => Object.keys(alarms(watched));
