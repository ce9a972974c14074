import * as z from 'zod';

/**
 * Who made a write, as the audit trail records it. `credential` names the token used (the first
 * 12 hex digits of its hash: enough to tell credentials apart, nothing to sign in with), or
 * "terminal:<user>" for the staff tool run on a machine with the table's own AWS credentials.
 */
export const ActorSchema = z
  .object({
    role: z.enum(['staff', 'officer']),
    credential: z.string().min(1).max(200),
    sectionId: z.string().optional(),
    /** A staff account's write: its username, and the account's rev it was allowed under. */
    username: z.string().optional(),
    accountRev: z.number().int().positive().optional(),
  })
  .strict();

export type Actor = z.infer<typeof ActorSchema>;

/** A token's name in the audit trail, from its stored hash. */
export const credentialOf = (tokenHash: string) => tokenHash.slice(0, 12);
