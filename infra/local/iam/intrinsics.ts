/**
 * CloudFormation's intrinsic functions, resolved for the local stack: what the policies of the
 * packaged template say once the stack's resources have their local names. A reference the local
 * stack cannot resolve is an error, never a guess, so a policy is never checked half-read.
 */

export interface LocalResource {
  /** What `Ref` answers (a table's or bucket's name, a queue's URL). */
  ref: string;
  /** What `Fn::GetAtt` answers, by attribute. */
  attributes: Record<string, string>;
}

export interface LocalContext {
  region: string;
  accountId: string;
  stackName: string;
  resources: Record<string, LocalResource>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function ref(name: string, context: LocalContext): string {
  const pseudo: Record<string, string> = {
    'AWS::Region': context.region,
    'AWS::AccountId': context.accountId,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': context.stackName,
  };
  const value = pseudo[name] ?? context.resources[name]?.ref;
  if (value === undefined) throw new Error(`the local stack cannot resolve Ref ${name}`);
  return value;
}

function getAtt(name: string, attribute: string, context: LocalContext): string {
  const value = context.resources[name]?.attributes[attribute];
  if (value === undefined) throw new Error(`the local stack cannot resolve Fn::GetAtt ${name}.${attribute}`);
  return value;
}

function sub(template: string, variables: Record<string, string>, context: LocalContext): string {
  return template.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
    if (name in variables) return variables[name] as string;
    const [resource = '', attribute] = name.split('.');
    return attribute ? getAtt(resource, attribute, context) : ref(resource, context);
  });
}

/** `value` with every intrinsic function replaced by what it answers locally. */
export function resolveIntrinsics(value: Json, context: LocalContext): Json {
  if (Array.isArray(value)) return value.map((v) => resolveIntrinsics(v, context));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only) {
    const [name, raw] = only;
    const args = resolveIntrinsics(raw, context);
    switch (name) {
      case 'Ref':
        return ref(String(args), context);
      case 'Fn::GetAtt': {
        const [resource, attribute] = Array.isArray(args) ? args : String(args).split('.');
        return getAtt(String(resource), String(attribute), context);
      }
      case 'Fn::Sub': {
        const [template, variables] = Array.isArray(args) ? args : [args, {}];
        return sub(String(template), (variables ?? {}) as Record<string, string>, context);
      }
      case 'Fn::Join': {
        const [separator, items] = args as [string, Json[]];
        return items.map(String).join(separator);
      }
      case 'Fn::Select': {
        const [index, items] = args as [number | string, Json[]];
        return items[Number(index)] ?? null;
      }
      case 'Fn::Split': {
        const [separator, text] = args as [string, string];
        return text.split(separator);
      }
      default:
        if (name.startsWith('Fn::') || name === 'Condition')
          throw new Error(`the local stack cannot resolve ${name}`);
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveIntrinsics(v, context)]));
}
