/**
 * IAM's identity-based policy evaluation, as far as the local stack can see it: an explicit Deny
 * wins, else an Allow whose action and resource match, else the implicit deny. Actions match
 * without regard to case, resources with it; `*` and `?` are IAM's wildcards. Conditions are not
 * evaluated (they depend on request context the local stack does not have): a statement with a
 * Condition is taken as if it applied, which the README states.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: unknown;
}

/** One permission a request needs: an IAM action on one resource ARN. */
export interface Permission {
  action: string;
  resource: string;
}

export type Decision = 'allowed' | 'explicitly denied' | 'not allowed';

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const escapeRegExp = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** IAM's wildcard match: `*` any run of characters, `?` any one. */
export function matchesPattern(pattern: string, value: string, ignoreCase = false): boolean {
  const source = `^${escapeRegExp(pattern).replace(/\*/g, '.*').replace(/\?/g, '.')}$`;
  return new RegExp(source, ignoreCase ? 'is' : 's').test(value);
}

function matchesAction(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined)
    return !list(statement.NotAction).some((p) => matchesPattern(p, action, true));
  return list(statement.Action).some((p) => matchesPattern(p, action, true));
}

function matchesResource(statement: PolicyStatement, resource: string): boolean {
  if (statement.NotResource !== undefined)
    return !list(statement.NotResource).some((p) => matchesPattern(p, resource));
  return list(statement.Resource).some((p) => matchesPattern(p, resource));
}

/** Whether `statements` grant `permission`. */
export function evaluate(statements: readonly PolicyStatement[], permission: Permission): Decision {
  const applying = statements.filter(
    (s) => matchesAction(s, permission.action) && matchesResource(s, permission.resource),
  );
  if (applying.some((s) => s.Effect === 'Deny')) return 'explicitly denied';
  return applying.some((s) => s.Effect === 'Allow') ? 'allowed' : 'not allowed';
}

/** Every action an Allow statement names (wildcards as written), for the least-privilege check. */
export function grantedActions(statements: readonly PolicyStatement[]): string[] {
  return [...new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)))];
}

/** The resources an Allow statement naming `action` covers. */
export function grantedResources(statements: readonly PolicyStatement[], action: string): string[] {
  return statements
    .filter((s) => s.Effect === 'Allow' && list(s.Action).some((p) => matchesPattern(p, action, true)))
    .flatMap((s) => list(s.Resource));
}
