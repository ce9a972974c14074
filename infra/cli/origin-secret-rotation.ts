/**
 * Rotating the origin header CloudFront sends to the API (`npm run rotate-origin-secret`), in
 * an order that never refuses a request:
 *
 * 1. the stack outputs name the secret (OriginSecretArn) and the distribution (DistributionId);
 * 2. the secret gets a new version, {"current": new, "previous": old current}: the API accepts
 *    both, while CloudFront still sends the old one;
 * 3. wait until every warm API function has read it again (each caches it SECRET_MAX_AGE_S);
 * 4. only then does CloudFront's `X-Origin-Verify` on the `http-api` origin get the new value
 *    (GetDistributionConfig, then UpdateDistribution with its ETag as If-Match); edges that
 *    still send the old value meanwhile are accepted through `previous`.
 *
 * A run stopped between 2 and 4 is finished by the next run: when CloudFront still sends the
 * secret's `previous`, no new value is written, and the wait and step 4 are done again. The
 * secret's values are never printed. The building blocks (the new secret, the updated
 * distribution config) are pure, for the tests.
 */
import { randomInt } from 'node:crypto';
import { setTimeout as sleepMs } from 'node:timers/promises';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  type CloudFrontClient,
  type DistributionConfig,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
  waitUntilDistributionDeployed,
} from '@aws-sdk/client-cloudfront';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { OriginSecretSchema, SECRET_MAX_AGE_S } from '../../shared/http/through-site.js';
import type { Target } from './deploy-plan.js';
import { stackNameOf, stackOutputs } from './stack-bucket.js';

export type OriginSecret = z.infer<typeof OriginSecretSchema>;

/** The origin custom header and the origin it is on (site.yml). */
export const ORIGIN_HEADER = 'X-Origin-Verify';
export const API_ORIGIN_ID = 'http-api';

/** Letters and digits, as origin-secret.yml's GenerateSecretString (ExcludePunctuation) makes them. */
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const SECRET_LENGTH = 48;

/** Beyond the functions' cache: for clocks, and a read that began just before the new version. */
export const WAIT_MARGIN_S = 30;
export const WAIT_S = SECRET_MAX_AGE_S + WAIT_MARGIN_S;

/** CloudFront's own waiter polls GetDistribution until Deployed; usually a few minutes. */
const DEPLOYED_MAX_WAIT_S = 30 * 60;

/** A refusal the operator can act on: printed without a stack trace, exit 1. */
export class RotationError extends Error {}

/** 48 letters and digits, each drawn uniformly (randomInt rejects biased draws) from node:crypto. */
export const newSecretValue = (): string =>
  Array.from({ length: SECRET_LENGTH }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');

/** The secret as stored, checked as the API checks it; a refusal if it is not what the API reads. */
export function parseOriginSecret(secretString: string | undefined): OriginSecret {
  let json: unknown;
  try {
    json = JSON.parse(secretString ?? '');
  } catch {
    throw new RotationError('the origin secret is not JSON: it should be {"current": ..., "previous"?: ...}');
  }
  const parsed = OriginSecretSchema.safeParse(json);
  if (!parsed.success)
    throw new RotationError(
      `the origin secret is not {"current", "previous"?} as the API reads it: ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

/** The next version: the new value is `current`, the old `current` stays accepted as `previous`. */
export function nextOriginSecret(old: OriginSecret, fresh: string): OriginSecret {
  if (fresh === old.current) throw new RotationError('the new value equals the current one');
  return { current: fresh, previous: old.current };
}

/** The `http-api` origin's index in the config, and its `X-Origin-Verify` header's; refuses when either is missing. */
function headerPlace(config: DistributionConfig | undefined): { origin: number; header: number } {
  const origins = config?.Origins?.Items ?? [];
  const origin = origins.findIndex((o) => o.Id === API_ORIGIN_ID);
  if (origin < 0)
    throw new RotationError(
      `the distribution has no origin "${API_ORIGIN_ID}" (it has ${origins.map((o) => `"${o.Id}"`).join(', ') || 'none'})`,
    );
  const headers = origins[origin]?.CustomHeaders?.Items ?? [];
  // Header names are case-insensitive; CloudFront keeps them as the template spells them.
  const matching = headers.flatMap((h, i) =>
    h.HeaderName?.toLowerCase() === ORIGIN_HEADER.toLowerCase() ? [i] : [],
  );
  const [header] = matching;
  if (header === undefined || matching.length > 1)
    throw new RotationError(
      `the "${API_ORIGIN_ID}" origin has ${matching.length === 0 ? 'no' : matching.length} ${ORIGIN_HEADER} custom header${matching.length > 1 ? 's' : ''}: deploy the stack (npm run deploy) first`,
    );
  return { origin, header };
}

/** The value CloudFront sends the API now. */
export function originHeaderOf(config: DistributionConfig | undefined): string {
  const { origin, header } = headerPlace(config);
  return config?.Origins?.Items?.[origin]?.CustomHeaders?.Items?.[header]?.HeaderValue ?? '';
}

/**
 * The same config with that one header's value replaced: every other field, origin and header
 * is kept as it came (UpdateDistribution replaces the whole config, merging nothing). The given
 * config is not changed.
 */
export function withOriginHeader(config: DistributionConfig, value: string): DistributionConfig {
  const { origin, header } = headerPlace(config);
  const updated = structuredClone(config);
  const target = updated.Origins?.Items?.[origin]?.CustomHeaders?.Items?.[header];
  if (!target) throw new RotationError(`the ${ORIGIN_HEADER} header vanished`); // headerPlace found it
  target.HeaderValue = value;
  return updated;
}

export interface RotationClients {
  cloudFormation: CloudFormationClient;
  secrets: SecretsManagerClient;
  cloudFront: CloudFrontClient;
}

export interface RotationOptions {
  /** Wait WAIT_S between the secret and CloudFront (false: `--no-wait`, for tests). */
  wait: boolean;
  /** After UpdateDistribution, wait until the distribution is Deployed (`--wait-deployed`). */
  waitDeployed: boolean;
  log?: (line: string) => void;
  sleep?: (seconds: number) => Promise<void>;
  generate?: () => string;
  now?: () => number;
}

export interface RotationResult {
  secretArn: string;
  distributionId: string;
  /** The secret's new version; undefined when an earlier, interrupted run had written it. */
  secretVersionId?: string;
  resumed: boolean;
  waitedSeconds: number;
  /** CloudFront already sent the new value: there was nothing to update. */
  distributionUnchanged: boolean;
  /** Deployed when --wait-deployed saw it so; otherwise InProgress, as UpdateDistribution answers. */
  distributionStatus?: string;
}

/** The stack's OriginSecretArn and DistributionId, or a refusal saying which are missing. */
async function rotationTargets(target: Target, cloudFormation: CloudFormationClient) {
  const stack = stackNameOf(target.stage);
  const outputs = await stackOutputs(target.stage, target.region, cloudFormation);
  if (!outputs)
    throw new RotationError(
      `there is no stack ${stack} in ${target.region}: deploy it first (npm run deploy)`,
    );
  const { OriginSecretArn: secretArn, DistributionId: distributionId } = outputs;
  if (!secretArn || !distributionId) {
    const missing = [secretArn ? [] : ['OriginSecretArn'], distributionId ? [] : ['DistributionId']].flat();
    throw new RotationError(
      `stack ${stack} in ${target.region} has no ${missing.join(' or ')} output: deploy this version first (npm run deploy)`,
    );
  }
  return { secretArn, distributionId };
}

export async function rotateOriginSecret(
  target: Target,
  clients: RotationClients,
  options: RotationOptions,
): Promise<RotationResult> {
  const log = options.log ?? console.log;
  const sleep = options.sleep ?? ((seconds: number) => sleepMs(seconds * 1000));
  const now = options.now ?? Date.now;

  // 1. What to rotate.
  const { secretArn, distributionId } = await rotationTargets(target, clients.cloudFormation);
  log(
    `stack ${stackNameOf(target.stage)} (${target.region}): secret ${secretArn}, distribution ${distributionId}`,
  );

  // What the API accepts now, and what CloudFront sends now (only read: nothing is written yet).
  const stored = await clients.secrets.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const old = parseOriginSecret(stored.SecretString);
  const { Distribution } = await clients.cloudFront.send(new GetDistributionCommand({ Id: distributionId }));
  const sent = originHeaderOf(Distribution?.DistributionConfig);

  let next: string;
  let secretVersionId: string | undefined;
  let writtenAt: number;
  let resumed = false;
  if (sent === old.current) {
    // Every edge must send `current` before it becomes `previous`, and the value before it stops
    // being accepted at all.
    if (Distribution?.Status !== 'Deployed')
      throw new RotationError(
        `distribution ${distributionId} is ${Distribution?.Status ?? 'in an unknown state'}, not Deployed: some edges may still send an older value, which the new secret would no longer accept. Run this again once it is Deployed (aws cloudfront wait distribution-deployed --id ${distributionId})`,
      );
    // 2. The new value, accepted beside the old one.
    next = (options.generate ?? newSecretValue)();
    const written = await clients.secrets.send(
      new PutSecretValueCommand({
        SecretId: secretArn,
        SecretString: JSON.stringify(nextOriginSecret(old, next)),
      }),
    );
    secretVersionId = written.VersionId;
    writtenAt = now();
    log(
      `[1/2] secret: new version ${secretVersionId ?? '(no id answered)'} holds a new "current" and keeps the old one as "previous"; CloudFront still sends the old one`,
    );
  } else if (old.previous !== undefined && sent === old.previous) {
    // A run that stopped after writing the secret: CloudFront was never pointed at `current`.
    resumed = true;
    next = old.current;
    writtenAt = stored.CreatedDate?.getTime() ?? now();
    log(
      `[1/2] secret: already rotated${stored.CreatedDate ? ` at ${stored.CreatedDate.toISOString()}` : ''} (version ${stored.VersionId}) by a run that did not reach CloudFront, which still sends its "previous": finishing that rotation, no new value`,
    );
  } else {
    throw new RotationError(
      `CloudFront sends ${ORIGIN_HEADER} with a value the secret holds neither as "current" nor as "previous": the API refuses what comes through the site. Nothing was changed; compare the secret with the distribution's origin header before rotating`,
    );
  }

  // 3. Until every warm function has dropped its cached copy and read the new version.
  const remaining = Math.max(0, Math.ceil((writtenAt + WAIT_S * 1000 - now()) / 1000));
  let waitedSeconds = 0;
  if (!options.wait) {
    log(
      `--no-wait: CloudFront gets the new value now. An API function that read the secret in the last ${SECRET_MAX_AGE_S} s refuses it until it reads the secret again`,
    );
  } else if (remaining > 0) {
    const until = new Date(now() + remaining * 1000).toISOString();
    log(
      `waiting ${remaining} s, until ${until}: the API functions cache the secret for up to ${SECRET_MAX_AGE_S} s (+${WAIT_MARGIN_S} s), so by then every warm one accepts the new value`,
    );
    await sleep(remaining);
    waitedSeconds = remaining;
  }

  // 4. CloudFront sends the new value, from the config as it is now (and its ETag).
  const current = await clients.cloudFront.send(new GetDistributionConfigCommand({ Id: distributionId }));
  if (!current.DistributionConfig || !current.ETag)
    throw new RotationError(`GetDistributionConfig answered no config or no ETag for ${distributionId}`);
  const sendsNow = originHeaderOf(current.DistributionConfig);
  let distributionUnchanged = false;
  let distributionStatus: string | undefined;
  if (sendsNow === next) {
    distributionUnchanged = true;
    log(`[2/2] distribution ${distributionId}: already sends the new value, nothing to update`);
  } else if (sendsNow !== sent) {
    throw new RotationError(
      `the distribution's ${ORIGIN_HEADER} changed while this command waited (by a deploy, or another rotation): CloudFront was not updated. Run this command again: it finishes the rotation`,
    );
  } else {
    try {
      const updated = await clients.cloudFront.send(
        new UpdateDistributionCommand({
          Id: distributionId,
          IfMatch: current.ETag,
          DistributionConfig: withOriginHeader(current.DistributionConfig, next),
        }),
      );
      distributionStatus = updated.Distribution?.Status;
    } catch (error) {
      if ((error as Error).name === 'PreconditionFailed')
        throw new RotationError(
          `distribution ${distributionId} changed between GetDistributionConfig and UpdateDistribution (its ETag no longer matches): it was not updated. Run this command again: it finishes the rotation`,
        );
      throw error;
    }
    log(
      `[2/2] distribution ${distributionId}: ${ORIGIN_HEADER} on origin "${API_ORIGIN_ID}" now has the new value (${distributionStatus ?? 'status not answered'}); edges send the old one until they have the change, and the API still accepts it`,
    );
  }

  if (options.waitDeployed) {
    log(
      `waiting for distribution ${distributionId} to be Deployed (CloudFront's waiter, up to ${DEPLOYED_MAX_WAIT_S / 60} min)`,
    );
    await waitUntilDistributionDeployed(
      { client: clients.cloudFront, minDelay: 15, maxDelay: 60, maxWaitTime: DEPLOYED_MAX_WAIT_S },
      { Id: distributionId },
    );
    distributionStatus = 'Deployed';
    log(`distribution ${distributionId}: Deployed, every edge sends the new value`);
  }

  log(
    [
      '',
      'Done. What to know:',
      '- The API accepts the new value and, until the next rotation, the previous one.',
      `- The stack's template resolves CloudFront's header from the secret's "current" ({{resolve:secretsmanager:...:current}}). CloudFormation resolves it again only when a deploy updates the distribution, and then to this same new value; a deploy that leaves the distribution alone leaves it as set here. Either way template and distribution agree.`,
      `- The next rotation stops accepting the value sent before this one, so it starts only once the distribution is Deployed${options.waitDeployed ? ' (it is)' : ` (aws cloudfront wait distribution-deployed --id ${distributionId})`}; until then this command refuses.`,
    ].join('\n'),
  );
  return {
    secretArn,
    distributionId,
    ...(secretVersionId ? { secretVersionId } : {}),
    resumed,
    waitedSeconds,
    distributionUnchanged,
    ...(distributionStatus ? { distributionStatus } : {}),
  };
}
