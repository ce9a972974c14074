/**
 * The night's metrics, as CloudWatch Embedded Metric Format lines written by Powertools: no API
 * call and no IAM permission, CloudWatch reads them from the function's log. The names below are
 * the ones infra/cloudformation/monitoring.cjs alarms on and charts (the template test checks
 * that they agree); code records a metric only through the functions of this module.
 *
 * Every metric carries the dimensions `service` and, in AWS, `stage` (serverless.yml sets
 * STAGE), so two stages in one account never mix on a dashboard. Locally the lines go to
 * serverless-offline's output; POWERTOOLS_METRICS_DISABLED=true keeps them off (the unit and
 * integration tests set it; test/unit/metrics.test.ts checks the lines themselves).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBRecord } from 'aws-lambda';
import { streamRecordCreatedAt } from './db/stream-record.js';
import { logger } from './logger.js';

/** The CloudWatch namespace of every metric of this module. */
export const METRICS_NAMESPACE = 'ElectionNight';

/** The `service` dimension, the same name the logger and POWERTOOLS_SERVICE_NAME use. */
export const METRICS_SERVICE = 'election-night';

/** Every metric name, each recorded by one function below. */
export const METRIC = {
  submissionsStored: 'SubmissionsStored',
  countsFlagged: 'CountsFlagged',
  recordsQuarantined: 'RecordsQuarantined',
  aggregationLag: 'AggregationLagMs',
  publishLatency: 'PublishLatencyMs',
  differencesHealed: 'ReconcileDifferencesHealed',
} as const;

/** What an officer submits: the `kind` dimension of SubmissionsStored and CountsFlagged. */
export type SubmissionKind = 'results' | 'turnout';

/** A moment, as a Date or an ISO 8601 string (a submission's `submittedAt`). */
export type Instant = Date | string;

const dimensions = (): Record<string, string> => (process.env.STAGE ? { stage: process.env.STAGE } : {});

const buffer = (extra: Record<string, string> = {}) =>
  new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: METRICS_SERVICE,
    defaultDimensions: { ...dimensions(), ...extra },
  });

// One EMF line has one set of dimensions for all its metrics, so each `kind` keeps a buffer of
// its own and the metrics without one share a third.
const night = buffer();
const byKind: Record<SubmissionKind, Metrics> = {
  results: buffer({ kind: 'results' }),
  turnout: buffer({ kind: 'turnout' }),
};
const buffers = [night, byKind.results, byKind.turnout];

/** A duration in milliseconds between two moments; none when either cannot be read. */
function addDuration(name: string, from: Instant, to: Instant): void {
  const ms = new Date(to).getTime() - new Date(from).getTime();
  // Clocks of two machines (or a creation time rounded to the second) can put `from` after `to`.
  if (Number.isFinite(ms)) night.addMetric(name, MetricUnit.Milliseconds, Math.max(0, ms));
}

/** A submission stored as a new version (a re-send of the stored body stores nothing and is not counted). */
export function recordSubmissionStored(kind: SubmissionKind): void {
  byKind[kind].addMetric(METRIC.submissionsStored, MetricUnit.Count, 1);
}

/** A stored count or turnout reading whose checks leave it flagged, out of the totals until staff review it. */
export function recordCountFlagged(kind: SubmissionKind): void {
  byKind[kind].addMetric(METRIC.countsFlagged, MetricUnit.Count, 1);
}

/** A stream record a consumer could not read, quarantined for staff (`GET /v1/admin/quarantine`). */
export function recordRecordQuarantined(): void {
  night.addMetric(METRIC.recordsQuarantined, MetricUnit.Count, 1);
}

/**
 * AggregationLagMs: how old a stream record is when its change is applied to the aggregates,
 * `appliedAt` minus the record's ApproximateCreationDateTime (to the second).
 */
export function recordAggregationLag(record: DynamoDBRecord, appliedAt: Instant = new Date()): void {
  const createdAt = streamRecordCreatedAt(record);
  if (createdAt) addDuration(METRIC.aggregationLag, createdAt, appliedAt);
}

/**
 * PublishLatencyMs: from the oldest change a publish makes public (its stream record's time,
 * `streamRecordCreatedAt`, or its `submittedAt`) to that publish's latest.json written.
 */
export function recordPublishLatency(
  oldestUnpublishedChangeAt: Instant,
  pointerWrittenAt: Instant = new Date(),
): void {
  addDuration(METRIC.publishLatency, oldestUnpublishedChangeAt, pointerWrittenAt);
}

/** ReconcileDifferencesHealed: the differences one reconciliation run repaired; 0 too, so a quiet run shows from none. */
export function recordHealed(differences: number): void {
  night.addMetric(METRIC.differencesHealed, MetricUnit.Count, differences);
}

/**
 * Writes what was recorded, one EMF line per buffer that holds anything. The API chain calls it
 * after every answer (shared/http/api.ts); a plain handler calls it before it returns. Powertools'
 * own publishStoredMetrics warns on an empty buffer, which most requests would leave (a re-send,
 * a refused write), so empty buffers are skipped. It never throws: a stored submission must not
 * answer 500 because its metric could not be written.
 */
export function flushMetrics(): void {
  for (const metrics of buffers) {
    if (!metrics.hasStoredMetrics()) continue;
    try {
      metrics.publishStoredMetrics();
    } catch (error) {
      logger.warn('metrics not written', { error: error as Error });
    }
  }
}
