/**
 * The stream event source mappings of the packaged template, read as Lambda reads them: which
 * function, in what batches, with what retries and filters, and where a batch given up goes
 * (its on-failure queue, and the function that consumes that queue).
 */
import type { PackagedTemplate } from '../iam/function-roles.js';

export interface StreamMapping {
  functionName: string;
  batchSize: number;
  batchWindowMs: number;
  /** Infinity for -1 (retried until the record expires). */
  maximumRetryAttempts: number;
  bisectOnError: boolean;
  reportsItemFailures: boolean;
  filters: string[];
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  onFailure?: { queueArn: string; queueId: string; consumer?: string };
}

type Properties = Record<string, unknown>;
const getAttOf = (value: unknown): string | undefined =>
  (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];

export function streamMappingsOf(
  template: PackagedTemplate,
  queueArnOf: (queueId: string) => string,
): StreamMapping[] {
  const resources = Object.values(template.Resources);
  const functionNameOf = (logicalId: string | undefined) => {
    const name = logicalId ? template.Resources[logicalId]?.Properties?.FunctionName : undefined;
    if (typeof name !== 'string') throw new Error(`the template names no function "${logicalId}"`);
    return name;
  };
  const mappings = resources
    .filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping')
    .map((r) => (r.Properties ?? {}) as Properties);
  const consumerOf = (queueId: string) => {
    const consumer = mappings.find((m) => getAttOf(m.EventSourceArn) === queueId);
    return consumer ? functionNameOf(getAttOf(consumer.FunctionName)) : undefined;
  };
  return mappings
    .filter((m) => JSON.stringify(m.EventSourceArn).includes('StreamArn'))
    .map((m) => {
      const destination = (m.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)
        ?.OnFailure;
      const queueId = getAttOf(destination?.Destination);
      const retries = Number(m.MaximumRetryAttempts ?? -1);
      const consumer = queueId ? consumerOf(queueId) : undefined;
      return {
        functionName: functionNameOf(getAttOf(m.FunctionName)),
        batchSize: Number(m.BatchSize ?? 100),
        batchWindowMs: Number(m.MaximumBatchingWindowInSeconds ?? 0) * 1000,
        maximumRetryAttempts: retries < 0 ? Number.POSITIVE_INFINITY : retries,
        bisectOnError: m.BisectBatchOnFunctionError === true,
        reportsItemFailures: ((m.FunctionResponseTypes as string[] | undefined) ?? []).includes(
          'ReportBatchItemFailures',
        ),
        filters: ((m.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters ?? []).map(
          (f) => f.Pattern,
        ),
        startingPosition: m.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
        ...(queueId
          ? { onFailure: { queueArn: queueArnOf(queueId), queueId, ...(consumer ? { consumer } : {}) } }
          : {}),
      };
    });
}
