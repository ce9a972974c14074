import * as z from 'zod';

const optionalUrl = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.url().optional());

const ConfigSchema = z.object({
  TABLE_NAME: z.string().min(3),
  BUCKET_NAME: z.string().min(3),
  AWS_REGION: z.string().min(1).default('eu-south-1'),
  /** Set only when running locally: DynamoDB Local's URL. */
  DYNAMODB_ENDPOINT: optionalUrl,
  /** Set only when running locally: the S3-compatible server's URL. */
  S3_ENDPOINT: optionalUrl,
  /** Set only when running locally: where Lambda's Invoke API answers (the local IAM gate). */
  LAMBDA_ENDPOINT: optionalUrl,
  /** The private bucket of officer code sheets (the functions of bulk code jobs only). */
  CODE_SHEETS_BUCKET: z.string().min(3).optional(),
  /** Officer codes stop working this many days after their election is certified. */
  OFFICER_CODES_EXPIRE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** The function that runs bulk code jobs (the function that starts them only). */
  OFFICER_TOKEN_JOB_FUNCTION: z.string().min(1).optional(),
  /** The public log's writer (the functions that chain the audit trail, which start it). */
  APPEND_PUBLIC_LOG_FUNCTION: z.string().min(1).optional(),
  /** The deployment's log name: every checkpoint's origin is `<name>/results/<e>/log`. */
  LOG_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._\-/:]+$/)
    .default('election-night'),
});

export type Config = z.infer<typeof ConfigSchema>;

let cached: Config | undefined;

/** The environment, validated once per cold start: a missing setting fails fast. */
export function config(): Config {
  if (!cached) {
    const parsed = ConfigSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
    }
    cached = parsed.data;
  }
  return cached;
}
