/**
 * The seat allocation's input (seats.ts SeatInput) from an election's head and its total tally:
 * what the first round's summary allocates, and what a run-off's council is allocated from. Pure.
 */
import type { ElectionHead } from './election.js';
import type { SeatInput } from './seats.js';
import { counter, type Tally } from './tally.js';

export function seatInputOf(head: ElectionHead, total: Tally): SeatInput {
  return {
    population: head.municipality.population,
    councilSeats: head.councilSeats,
    candidates: head.candidates,
    lists: head.lists,
    candidateVotes: Object.fromEntries(
      head.candidates.map((c) => [c.id, total[counter.candidate(c.id)] ?? 0]),
    ),
    listVotes: Object.fromEntries(head.lists.map((l) => [l.id, total[counter.list(l.id)] ?? 0])),
  };
}
