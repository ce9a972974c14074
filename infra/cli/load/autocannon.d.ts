/** The part of autocannon's programmatic API the load test uses (it ships no types of its own). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  /** What `setupRequest` may change before a request is written. */
  interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  /** Per request: reset before each `setupRequest`, handed to that request's `onResponse`. */
  type RequestContext = Record<string, unknown>;

  interface Options {
    url: string;
    connections?: number;
    /** Requests in all; when set, `duration` is ignored. */
    amount?: number;
    /** Seconds to wait for an answer before the connection is dropped and remade. */
    timeout?: number;
    requests?: {
      setupRequest?: (request: RequestParams, context: RequestContext) => RequestParams;
      onResponse?: (
        status: number,
        body: string,
        context: RequestContext,
        headers: Record<string, string | string[]>,
      ) => void;
    }[];
  }

  interface Histogram {
    average: number;
    mean: number;
    min: number;
    max: number;
    p50: number;
    p99: number;
    total?: number;
  }

  interface Result {
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds. */
    latency: Histogram;
    /** Answers per one-second sample; `total` answers in all, `sent` requests written. */
    requests: Histogram & { sent: number };
  }

  interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }

  export default function autocannon(options: Options): Instance;
}
