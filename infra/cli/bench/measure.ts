import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand']);

/**
 * Counts the capacity units DynamoDB reports for every call of a client (ReturnConsumedCapacity
 * TOTAL). DynamoDB Local reports one CapacityUnits figure per call; it is filed as read or write
 * by the kind of call (a transaction's condition checks count as writes, as in AWS).
 */
export function meterCapacity(client: DynamoDBDocumentClient) {
  const meter = { readUnits: 0, writeUnits: 0, calls: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      meter.calls++;
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = [consumed]
        .flat()
        .reduce(
          (sum: number, c) => sum + ((c as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? 0),
          0,
        );
      if (READS.has(context.commandName ?? '')) meter.readUnits += units;
      else meter.writeUnits += units;
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return meter;
}

/** A process's peak resident memory (VmHWM) in MiB, with the processes it started. */
export function peakMemoryMiB(pid: number): { pid: number; command: string; peakMiB: number }[] {
  const found: { pid: number; command: string; peakMiB: number }[] = [];
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const command = readFileSync(`/proc/${p}/cmdline`, 'utf8')
        .split('\0')
        .slice(0, 3)
        .join(' ')
        .slice(0, 80);
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      found.push({ pid: p, command, peakMiB: Math.round(hwm / 1024) });
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    } catch {
      // the process ended meanwhile
    }
  };
  visit(pid);
  return found;
}

/** A process's resident memory now (VmRSS) in MiB, with the processes it started. */
export function residentMemoryMiB(pid: number): { pid: number; command: string; residentMiB: number }[] {
  return peakMemoryMiB(pid).map(({ pid: p, command }) => {
    let kb = 0;
    try {
      kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
    return { pid: p, command, residentMiB: Math.round(kb / 1024) };
  });
}

/** Bytes under a folder, recursively (the local bucket's objects). */
export function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
