import type { PackagedTemplate } from './function-roles.js';
import type { LocalContext, LocalResource } from './intrinsics.js';

/** The account the local stack plays: ARNs need one. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * What each resource of the template is called on the local stack: the table and the bucket by
 * the names the stand-ins serve, everything else by its logical id, as ARNs of AWS's own shapes.
 */
export function localContext(
  template: PackagedTemplate,
  names: {
    region: string;
    stackName: string;
    table: string;
    /** The site's bucket, and any other bucket by its logical id (the private code sheets). */
    bucket: string;
    buckets?: Record<string, string>;
  },
): LocalContext {
  const { region } = names;
  const account = LOCAL_ACCOUNT_ID;
  const resources: Record<string, LocalResource> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table': {
        const arn = `arn:aws:dynamodb:${region}:${account}:table/${names.table}`;
        resources[id] = { ref: names.table, attributes: { Arn: arn, StreamArn: `${arn}/stream/local` } };
        break;
      }
      case 'AWS::S3::Bucket': {
        const bucket = names.buckets?.[id] ?? names.bucket;
        resources[id] = {
          ref: bucket,
          attributes: {
            Arn: `arn:aws:s3:::${bucket}`,
            RegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
          },
        };
        break;
      }
      case 'AWS::Lambda::Function': {
        const name = String(properties.FunctionName ?? id);
        resources[id] = {
          ref: name,
          attributes: { Arn: `arn:aws:lambda:${region}:${account}:function:${name}` },
        };
        break;
      }
      case 'AWS::SQS::Queue':
        resources[id] = {
          ref: `https://sqs.${region}.amazonaws.com/${account}/${id}`,
          attributes: { Arn: `arn:aws:sqs:${region}:${account}:${id}`, QueueName: id },
        };
        break;
      case 'AWS::SNS::Topic':
        resources[id] = {
          ref: `arn:aws:sns:${region}:${account}:${id}`,
          attributes: { TopicArn: `arn:aws:sns:${region}:${account}:${id}` },
        };
        break;
      case 'AWS::SecretsManager::Secret':
        resources[id] = {
          ref: `arn:aws:secretsmanager:${region}:${account}:secret:${id}-local`,
          attributes: {},
        };
        break;
      case 'AWS::Logs::LogGroup': {
        const name = String(properties.LogGroupName ?? id);
        resources[id] = {
          ref: name,
          attributes: { Arn: `arn:aws:logs:${region}:${account}:log-group:${name}:*` },
        };
        break;
      }
      case 'AWS::IAM::Role':
        resources[id] = { ref: id, attributes: { Arn: `arn:aws:iam::${account}:role/${id}`, RoleId: id } };
        break;
      default:
        resources[id] = { ref: id, attributes: { Arn: `arn:aws:local:${region}:${account}:${id}` } };
    }
  }
  return { region, accountId: account, stackName: names.stackName, resources };
}
