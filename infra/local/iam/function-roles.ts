import { type LocalContext, resolveIntrinsics } from './intrinsics.js';
import type { PolicyStatement } from './policy.js';

/** A function of the packaged template and what its execution role allows, resolved locally. */
export interface FunctionRole {
  /** The function's key in serverless.yml (`publishResults`). */
  functionKey: string;
  /** Its deployed name (`election-night-local-publishResults`): the principal locally. */
  functionName: string;
  roleName: string;
  statements: PolicyStatement[];
}

interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface PackagedTemplate {
  Resources: Record<string, Resource>;
}

/** AWS's managed policies a role may name whose statements are known here (logs only). */
const KNOWN_MANAGED_POLICIES = new Set(['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);

const FUNCTION_SUFFIX = 'LambdaFunction';

/**
 * Every function of the template with the statements of its own role's inline policies. A role
 * the local stack cannot read whole (a managed policy other than basic logging, a role given as
 * an ARN string) is an error: the check must never pass on a policy it did not see.
 */
export function functionRoles(template: PackagedTemplate, context: LocalContext): FunctionRole[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
    .map(([logicalId, resource]) => {
      const properties = resource.Properties ?? {};
      const roleRef = properties.Role as { 'Fn::GetAtt'?: [string, string] } | undefined;
      const roleId = roleRef?.['Fn::GetAtt']?.[0];
      const role = roleId ? template.Resources[roleId] : undefined;
      if (!roleId || role?.Type !== 'AWS::IAM::Role')
        throw new Error(`${logicalId}: its Role is not a role of this template (${JSON.stringify(roleRef)})`);
      const roleProperties = resolveIntrinsics(role.Properties as never, context) as {
        RoleName?: string;
        Policies?: { PolicyDocument: { Statement: PolicyStatement | PolicyStatement[] } }[];
        ManagedPolicyArns?: string[];
      };
      const unknown = (roleProperties.ManagedPolicyArns ?? []).filter(
        (arn) => !KNOWN_MANAGED_POLICIES.has(arn),
      );
      if (unknown.length > 0)
        throw new Error(`${roleId}: managed policies the local stack cannot read: ${unknown.join(', ')}`);
      return {
        functionKey: logicalId.slice(0, -FUNCTION_SUFFIX.length).replace(/^./, (c) => c.toLowerCase()),
        functionName: String(resolveIntrinsics(properties.FunctionName as never, context)),
        roleName: roleProperties.RoleName ?? roleId,
        statements: (roleProperties.Policies ?? []).flatMap(({ PolicyDocument: { Statement } }) =>
          Array.isArray(Statement) ? Statement : [Statement],
        ),
      };
    });
}
