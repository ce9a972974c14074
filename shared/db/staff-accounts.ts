/**
 * Staff accounts and their sessions. An account is one item in the STAFF partition; a session is
 * a token item (by its hash, like every bearer token) that names its account. Every change
 * writes its record to the deployment's trail in the same transaction (keys.staffRecord), so no
 * account changes, and nobody signs in or out, without a trace. No secret is ever in a record.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../domain/actor.js';
import type { StaffRole, StaffScope } from '../domain/staff.js';
import { db, tableName } from './client.js';
import { DEPLOYMENT_TRAIL, keys } from './keys.js';
import { queryAll, transactIf } from './queries.js';

export interface StaffAccount {
  username: string;
  name: string;
  role: StaffRole;
  elections: StaffScope;
  disabled: boolean;
  passwordChangeRequired: boolean;
  /** Grows with every change of role, scope or state: the rev a write was allowed under. */
  rev: number;
  createdAt: string;
  updatedAt: string;
}

/** What only sign-in reads: the password's hash, the code's secret, the last code's step. */
export interface StaffSecrets {
  passwordHash: string;
  totpSecret: string;
  lastOtpStep: number;
}

export interface StaffSession {
  username: string;
  /** Epoch seconds: DynamoDB's TTL removes the item after it, and no request is served past it. */
  expiresAt: number;
  passwordChangeRequired: boolean;
}

export type StaffRecordAction =
  | 'create'
  | 'change'
  | 'disable'
  | 'enable'
  | 'sign-in'
  | 'sign-out'
  | 'change-password';

const accountOf = (item: Record<string, unknown>): StaffAccount => ({
  username: String(item.username),
  name: String(item.name),
  role: item.role as StaffRole,
  elections: item.elections as StaffScope,
  disabled: item.disabled === true,
  passwordChangeRequired: item.passwordChangeRequired === true,
  rev: Number(item.rev),
  createdAt: String(item.createdAt),
  updatedAt: String(item.updatedAt),
});

export async function getStaffAccount(
  username: string,
): Promise<(StaffAccount & { secrets: StaffSecrets }) | undefined> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: keys.staffAccount(username), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return {
    ...accountOf(Item),
    secrets: {
      passwordHash: String(Item.passwordHash),
      totpSecret: String(Item.totpSecret),
      lastOtpStep: Number(Item.lastOtpStep ?? 0),
    },
  };
}

export async function listStaffAccounts(): Promise<StaffAccount[]> {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.staffPartition, ':prefix': keys.staffAccountPrefix },
    ConsistentRead: true,
  });
  return items.map(accountOf).sort((a, b) => a.username.localeCompare(b.username));
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A guarded update of an account's item. */
const accountUpdate = (
  username: string,
  update: Omit<NonNullable<TransactItem['Update']>, 'TableName' | 'Key'>,
): TransactItem => ({
  Update: { TableName: tableName(), Key: keys.staffAccount(username), ...update },
});

/** The record of one account change or session event, in the deployment's trail. */
function staffRecord(
  action: StaffRecordAction,
  account: Pick<StaffAccount, 'username' | 'name' | 'role' | 'elections' | 'rev'>,
  at: string,
  by: Actor,
  session?: string,
) {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...keys.staffRecord(at, account.username, action, randomUUID().slice(0, 8)),
        type: 'StaffRecord',
        electionId: DEPLOYMENT_TRAIL,
        action,
        username: account.username,
        name: account.name,
        role: account.role,
        elections: account.elections,
        rev: account.rev,
        ...(session ? { session } : {}),
        at,
        by,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** A new account (or a disabled one enabled again), with fresh secrets; false when it exists and is enabled. */
export async function putNewStaffAccount(
  account: Pick<StaffAccount, 'username' | 'name' | 'role' | 'elections'>,
  secrets: Omit<StaffSecrets, 'lastOtpStep'>,
  previous: StaffAccount | undefined,
  by: Actor,
): Promise<StaffAccount | undefined> {
  const at = new Date().toISOString();
  const rev = (previous?.rev ?? 0) + 1;
  const stored: StaffAccount = {
    ...account,
    disabled: false,
    passwordChangeRequired: true,
    rev,
    createdAt: previous?.createdAt ?? at,
    updatedAt: at,
  };
  const made = await transactIf({
    TransactItems: [
      {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.staffAccount(account.username),
            type: 'StaffAccount',
            ...stored,
            ...secrets,
            lastOtpStep: 0,
          },
          ...(previous
            ? {
                ConditionExpression: 'rev = :rev AND disabled = :true',
                ExpressionAttributeValues: { ':rev': previous.rev, ':true': true },
              }
            : { ConditionExpression: 'attribute_not_exists(PK)' }),
        },
      },
      staffRecord(previous ? 'enable' : 'create', stored, at, by),
    ],
  });
  return made ? stored : undefined;
}

/** Changes name, role and scope, or disables; guarded by the rev read. Answers the account as stored, or undefined after a lost race. */
export async function updateStaffAccount(
  previous: StaffAccount,
  change: Pick<StaffAccount, 'name' | 'role' | 'elections' | 'disabled'>,
  by: Actor,
): Promise<StaffAccount | undefined> {
  const at = new Date().toISOString();
  const stored: StaffAccount = { ...previous, ...change, rev: previous.rev + 1, updatedAt: at };
  const made = await transactIf({
    TransactItems: [
      accountUpdate(previous.username, {
        UpdateExpression:
          'SET #name = :name, #role = :role, elections = :elections, disabled = :disabled, rev = :next, updatedAt = :at',
        ConditionExpression: 'rev = :rev',
        ExpressionAttributeNames: { '#name': 'name', '#role': 'role' },
        ExpressionAttributeValues: {
          ':name': stored.name,
          ':role': stored.role,
          ':elections': stored.elections,
          ':disabled': stored.disabled,
          ':next': stored.rev,
          ':rev': previous.rev,
          ':at': at,
        },
      }),
      staffRecord(change.disabled && !previous.disabled ? 'disable' : 'change', stored, at, by),
    ],
  });
  return made ? stored : undefined;
}

const sessionActor = (username: string, session: string): Actor => ({
  role: 'staff',
  credential: session,
  username,
});

/**
 * A session's event (sign-in, sign-out, password change) as one transaction: its writes, made at
 * `at`, and its record in the trail by the session itself. False when a guard did not hold.
 */
function sessionEvent(
  action: StaffRecordAction,
  account: StaffAccount,
  session: string,
  writes: (at: string) => TransactItem[],
): Promise<boolean> {
  const at = new Date().toISOString();
  return transactIf({
    TransactItems: [
      ...writes(at),
      staffRecord(action, account, at, sessionActor(account.username, session), session),
    ],
  });
}

/**
 * Opens a session: its token item, the code's step recorded (a step already used or older is
 * refused, so a code opens one session at most), and the sign-in in the trail. False when the
 * account changed meanwhile or the code's step was used.
 */
export async function openStaffSession(
  account: StaffAccount,
  tokenHash: string,
  session: string,
  otpStep: number,
  expiresAt: number,
): Promise<boolean> {
  return sessionEvent('sign-in', account, session, (at) => [
    accountUpdate(account.username, {
      UpdateExpression: 'SET lastOtpStep = :step',
      ConditionExpression: 'rev = :rev AND disabled = :false AND lastOtpStep < :step',
      ExpressionAttributeValues: { ':step': otpStep, ':rev': account.rev, ':false': false },
    }),
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.token(tokenHash),
          type: 'Token',
          role: 'staff-session',
          username: account.username,
          expiresAt,
          passwordChangeRequired: account.passwordChangeRequired,
          issuedAt: at,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ]);
}

/** Ends a session at once: its token item goes, and the sign-out is in the trail. */
export async function closeStaffSession(
  account: StaffAccount,
  tokenHash: string,
  session: string,
): Promise<boolean> {
  return sessionEvent('sign-out', account, session, () => [
    {
      Delete: {
        TableName: tableName(),
        Key: keys.token(tokenHash),
        ConditionExpression: 'attribute_exists(PK)',
      },
    },
  ]);
}

/** The new password's hash, and the session that changed it made a full one. */
export async function changeStaffPassword(
  account: StaffAccount,
  passwordHash: string,
  tokenHash: string,
  session: string,
): Promise<boolean> {
  return sessionEvent('change-password', account, session, (at) => [
    accountUpdate(account.username, {
      UpdateExpression: 'SET passwordHash = :hash, passwordChangeRequired = :false, updatedAt = :at',
      ConditionExpression: 'rev = :rev AND disabled = :false',
      ExpressionAttributeValues: {
        ':hash': passwordHash,
        ':false': false,
        ':rev': account.rev,
        ':at': at,
      },
    }),
    {
      Update: {
        TableName: tableName(),
        Key: keys.token(tokenHash),
        UpdateExpression: 'SET passwordChangeRequired = :false',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':false': false },
      },
    },
  ]);
}
