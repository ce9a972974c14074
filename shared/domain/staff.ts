/**
 * Staff accounts: who may do what, and on which elections (docs/interface.md, Staff accounts). Pure: the
 * rules the API applies to each request and `verify-audit` applies to each recorded write.
 */
import * as z from 'zod';
import { IdSchema } from './ids.js';
import { MIN_PASSWORD_LENGTH, STAFF_ROLES, type StaffRole } from './staff-roles.js';

export {
  MIN_PASSWORD_LENGTH,
  roleIncludes,
  STAFF_ROLES,
  type StaffRole,
  type StaffScope,
  scopeCovers,
  scopeIncludes,
} from './staff-roles.js';

/** The least role each audited write needs (what verify-audit checks every staff write against). */
export const ROLE_NEEDED_FOR = {
  approve: 'clerk',
  reopen: 'clerk',
  'issue-credential': 'clerk',
  'revoke-credential': 'clerk',
  'certify-approval': 'supervisor',
  certify: 'supervisor',
  define: 'admin',
  'staff-account': 'admin',
} as const satisfies Record<string, StaffRole>;

/** Usernames are ids (the id alphabet of docs/interface.md). */
export const UsernameSchema = IdSchema;

export const StaffAccountBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: z.enum(STAFF_ROLES),
    elections: z.union([z.literal('all'), z.array(IdSchema).min(1).max(1000)]),
  })
  .strict();
export type StaffAccountBody = z.infer<typeof StaffAccountBodySchema>;

/** A new password: MIN_PASSWORD_LENGTH characters or more. */
export const PasswordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const SignInBodySchema = z
  .object({
    username: UsernameSchema,
    password: z.string().min(1).max(200),
    otp: z.string().regex(/^\d{6}$/, 'the code is 6 digits'),
  })
  .strict();
export type SignInBody = z.infer<typeof SignInBodySchema>;

export const PasswordChangeBodySchema = z.object({ password: PasswordSchema }).strict();

/** A session lasts at most this long, however busy (docs/interface.md, Staff accounts). */
export const SESSION_HOURS = 12;
