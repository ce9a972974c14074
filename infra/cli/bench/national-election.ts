import type { ElectionDefinition } from '../../../shared/domain/election.js';

/** Italy's polling sections on one national night (Eligendo's count, 2024 European election). */
export const NATIONAL_SECTIONS = 61_550;

/**
 * DynamoDB Local's heap for a national night in memory: its table peaked at 7.0 GB (2026-12-02,
 * BENCHMARKS.md), so 8 GB, set explicitly rather than Java's quarter of the machine.
 */
export const NATIONAL_DYNAMODB_HEAP = '8g';

/**
 * A generated election shaped like a national night: sections grouped in districts of about
 * 575 (one per province), four turnout slots, six candidates and twelve lists. Deterministic.
 */
export function nationalElection(id: string, sectionCount: number): ElectionDefinition {
  const districts = Math.max(1, Math.round(sectionCount / 575));
  const candidates = Array.from({ length: 6 }, (_, i) => ({ id: `C${i + 1}`, name: `Candidato ${i + 1}` }));
  return {
    id,
    name: `Benchmark: ${sectionCount} sezioni`,
    kind: 'municipal',
    rehearsal: true,
    municipality: { name: 'Italia (benchmark)', istatCode: '000000', population: 59_000_000 },
    councilSeats: 32,
    maxPreferences: 2,
    turnoutSlots: [
      { id: 'T1', label: 'Domenica ore 12:00' },
      { id: 'T2', label: 'Domenica ore 19:00' },
      { id: 'T3', label: 'Domenica ore 23:00' },
      { id: 'T4', label: 'Lunedi ore 15:00', final: true },
    ],
    sections: Array.from({ length: sectionCount }, (_, i) => ({
      id: String(i + 1),
      name: `Sezione ${i + 1}`,
      district: `P${String((i % districts) + 1).padStart(3, '0')}`,
      registeredVoters: 700 + ((i * 37) % 600),
    })),
    candidates,
    lists: candidates.flatMap((c, i) => [
      { id: `L${2 * i + 1}`, name: `Lista ${2 * i + 1}`, candidateId: c.id },
      { id: `L${2 * i + 2}`, name: `Lista ${2 * i + 2}`, candidateId: c.id },
    ]),
    questions: [],
  };
}
