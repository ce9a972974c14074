import {
  getElectionHead,
  getElectionState,
  linkRunoff,
  putDefinition,
  unlinkRunoff,
} from '../db/elections.js';
import type { Actor } from '../domain/actor.js';
import { hashOf } from '../domain/canonical.js';
import { ElectionDefinitionSchema, splitDefinition } from '../domain/election.js';
import {
  ElectionCertifiedError,
  ElectionInUseError,
  RunoffAlreadyDefinedError,
  ValidationError,
} from '../errors.js';
import { checkRunoff } from './check-runoff.js';
import { parseOrThrow } from './validation.js';

/**
 * Stores an election's definition. Re-sending the same definition changes nothing; changing a
 * definition that already has results is refused.
 */
export async function defineElection(
  electionId: string,
  body: unknown,
  by: Actor,
  options: { deadline?: number } = {},
) {
  const definition = parseOrThrow(ElectionDefinitionSchema, body, 'election definition');
  if (definition.id !== electionId) {
    throw new ValidationError("the definition's id differs from the id in the path", [
      { path: ['id'], message: `expected "${electionId}"` },
    ]);
  }
  const definitionHash = hashOf(definition);
  const state = await getElectionState(electionId);
  // The same again is a no-op, unless a redefinition was cut short: then this one finishes it.
  if (state?.definitionHash === definitionHash && state.defining === undefined)
    return { id: electionId, definitionHash, changed: false };
  if (state?.state === 'certified') {
    throw new ElectionCertifiedError(
      `election "${electionId}" is certified: its definition can no longer change`,
    );
  }
  // The one lock on a definition, the rehearsal flag included: once anything is stored, no
  // rehearsal's data can become live under its id, nor live data a rehearsal's.
  if (state?.inUse) {
    throw new ElectionInUseError(
      `election "${electionId}" already has results: its definition can no longer change`,
    );
  }
  // A run-off is checked against its first round, and linked to it before it is stored: a
  // definition cut short and sent again finds the link made (docs/interface.md, Run-off round).
  if (definition.kind === 'runoff' && definition.firstRound !== undefined) {
    await checkRunoff(definition);
    if (!(await linkRunoff(definition.firstRound, electionId)))
      throw new RunoffAlreadyDefinedError(`election "${definition.firstRound}" already has another run-off`);
  }
  // A run-off redefined (before anything is stored) to follow another first round, or none: the
  // first round it followed is no longer linked to it.
  const previous = state ? await getElectionHead(electionId) : undefined;
  if (previous?.kind === 'runoff' && previous.firstRound && previous.firstRound !== definition.firstRound)
    await unlinkRunoff(previous.firstRound, electionId);
  const { head, sections } = splitDefinition(definition);
  await putDefinition(head, sections, definitionHash, by, options.deadline);
  return { id: electionId, definitionHash, changed: true, sections: sections.length };
}
