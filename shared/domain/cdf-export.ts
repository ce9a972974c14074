/**
 * The election as a NIST SP 1500-100 v2 Election Results Common Data Format report (JSON),
 * precinct-level: the municipality and its polling places (sections) as reporting units, the
 * lists as parties, the mayoral and council contests (or the referendum's questions), and the
 * counted votes of every section. Only counts that count (accepted or approved) are reported.
 */
import type { ElectionHead } from './election.js';
import type { ExportStatus, SectionRecord } from './election-export.js';
import { isCounted } from './status.js';

const MUNICIPALITY = 'gpu-municipality';
const sectionUnit = (sectionId: string) => `gpu-section-${sectionId}`;

const text = (content: string) => ({
  '@type': 'ElectionResults.InternationalizedText',
  Text: [{ '@type': 'ElectionResults.LanguageString', Content: content, Language: 'it' }],
});

/** A date-time as the schema's pattern wants it: seconds, no fraction, a zone. */
const dateTime = (iso: string) => `${iso.slice(0, 19)}Z`;
const date = (iso: string) => iso.slice(0, 10);

function voteCounts(records: SectionRecord[], countOf: (body: Record<string, unknown>) => number) {
  const counted = records.filter((r) => r.results && isCounted(r.results.status));
  const perSection = counted.map((r) => ({
    '@type': 'ElectionResults.VoteCounts',
    GpUnitId: sectionUnit(r.section.id),
    Type: 'total',
    Count: countOf(r.results?.body ?? {}),
  }));
  const total = perSection.reduce((sum, c) => sum + c.Count, 0);
  return [
    ...perSection,
    { '@type': 'ElectionResults.VoteCounts', GpUnitId: MUNICIPALITY, Type: 'total', Count: total },
  ];
}

/** Ballots cast per counted section, and in the municipality. */
function ballotCounts(records: SectionRecord[]) {
  const counted = records.filter((r) => r.results && isCounted(r.results.status));
  const cast = (r: SectionRecord) => (r.results?.body.voters as number | undefined) ?? 0;
  const row = (gpUnitId: string, ballotsCast: number) => ({
    '@type': 'ElectionResults.BallotCounts',
    GpUnitId: gpUnitId,
    Type: 'total',
    BallotsCast: ballotsCast,
  });
  return [
    ...counted.map((r) => row(sectionUnit(r.section.id), cast(r))),
    row(
      MUNICIPALITY,
      counted.reduce((sum, r) => sum + cast(r), 0),
    ),
  ];
}

const countIn = (field: string, id: string) => (body: Record<string, unknown>) =>
  (body[field] as Record<string, number> | undefined)?.[id] ?? 0;

export function exportCdf(
  head: ElectionHead,
  records: SectionRecord[],
  context: { generatedAt: string; status: ExportStatus },
) {
  const complete = context.status !== 'unofficial-partial';
  const countStatus = {
    '@type': 'ElectionResults.CountStatus',
    Type: 'total',
    Status: complete ? 'completed' : 'in-process',
  };
  const times = head.turnoutSlots.map((s) => s.at).filter((at): at is string => at !== undefined);
  const startDate = date(times[0] ?? context.generatedAt);
  const endDate = date(times.at(-1) ?? context.generatedAt);
  const councilCandidates = head.lists.flatMap((l) =>
    (l.councilCandidates ?? []).map((c) => ({ ...c, listId: l.id })),
  );

  const mayor = head.candidates.length
    ? [
        {
          '@type': 'ElectionResults.CandidateContest',
          '@id': 'contest-mayor',
          Name: 'Sindaco',
          ElectionDistrictId: MUNICIPALITY,
          VotesAllowed: 1,
          NumberElected: 1,
          CountStatus: [countStatus],
          ContestSelection: head.candidates.map((c) => ({
            '@type': 'ElectionResults.CandidateSelection',
            '@id': `selection-mayor-${c.id}`,
            CandidateIds: [`candidate-mayor-${c.id}`],
            VoteCounts: voteCounts(records, countIn('candidateVotes', c.id)),
          })),
        },
      ]
    : [];
  const lists = head.lists.length
    ? [
        {
          '@type': 'ElectionResults.PartyContest',
          '@id': 'contest-council-lists',
          Name: 'Consiglio comunale: voti di lista',
          ElectionDistrictId: MUNICIPALITY,
          CountStatus: [countStatus],
          ContestSelection: head.lists.map((l) => ({
            '@type': 'ElectionResults.PartySelection',
            '@id': `selection-list-${l.id}`,
            PartyIds: [`party-${l.id}`],
            VoteCounts: voteCounts(records, countIn('listVotes', l.id)),
          })),
        },
      ]
    : [];
  const preferences = councilCandidates.length
    ? [
        {
          '@type': 'ElectionResults.CandidateContest',
          '@id': 'contest-council-preferences',
          Name: 'Consiglio comunale: preferenze',
          ElectionDistrictId: MUNICIPALITY,
          VotesAllowed: Math.max(1, head.maxPreferences),
          NumberElected: head.councilSeats,
          CountStatus: [countStatus],
          ContestSelection: councilCandidates.map((c) => ({
            '@type': 'ElectionResults.CandidateSelection',
            '@id': `selection-council-${c.id}`,
            CandidateIds: [`candidate-council-${c.id}`],
            VoteCounts: voteCounts(records, countIn('preferenceVotes', c.id)),
          })),
        },
      ]
    : [];
  const questions = head.questions.map((q) => ({
    '@type': 'ElectionResults.BallotMeasureContest',
    '@id': `contest-question-${q.id}`,
    Name: q.text.slice(0, 200),
    ElectionDistrictId: MUNICIPALITY,
    CountStatus: [countStatus],
    ContestSelection: (['yes', 'no'] as const).map((answer) => ({
      '@type': 'ElectionResults.BallotMeasureSelection',
      '@id': `selection-question-${q.id}-${answer}`,
      Selection: text(answer === 'yes' ? 'Sì' : 'No'),
      VoteCounts: voteCounts(records, (body) => {
        const answers = (body.answers as Record<string, { yes: number; no: number }> | undefined) ?? {};
        return answers[q.id]?.[answer] ?? 0;
      }),
    })),
  }));

  return {
    '@type': 'ElectionResults.ElectionReport',
    Format: 'precinct-level',
    GeneratedDate: dateTime(context.generatedAt),
    Issuer: `Comune di ${head.municipality.name}`,
    IssuerAbbreviation: head.municipality.istatCode,
    VendorApplicationId: 'election-night',
    SequenceStart: 1,
    SequenceEnd: 1,
    Status: context.status,
    IsTest: head.rehearsal,
    GpUnit: [
      {
        '@type': 'ElectionResults.ReportingUnit',
        '@id': MUNICIPALITY,
        Type: 'municipality',
        Name: text(head.municipality.name),
        ComposingGpUnitIds: records.map((r) => sectionUnit(r.section.id)),
      },
      ...records.map((r) => ({
        '@type': 'ElectionResults.ReportingUnit',
        '@id': sectionUnit(r.section.id),
        // A sezione is the smallest unit whose votes are counted and reported: CDF's precinct.
        Type: 'precinct',
        Name: text(r.section.name),
        CountStatus: [
          {
            '@type': 'ElectionResults.CountStatus',
            Type: 'total',
            Status:
              r.results && isCounted(r.results.status)
                ? 'completed'
                : r.results
                  ? 'in-process'
                  : 'not-processed',
          },
        ],
      })),
    ],
    Party: head.lists.map((l) => ({
      '@type': 'ElectionResults.Party',
      '@id': `party-${l.id}`,
      Name: text(l.name),
    })),
    Election: [
      {
        '@type': 'ElectionResults.Election',
        Name: text(head.name),
        ...(head.kind === 'referendum' ? { Type: 'other', OtherType: 'referendum' } : { Type: 'general' }),
        ElectionScopeId: MUNICIPALITY,
        StartDate: startDate,
        EndDate: endDate,
        Candidate: [
          ...head.candidates.map((c) => ({
            '@type': 'ElectionResults.Candidate',
            '@id': `candidate-mayor-${c.id}`,
            BallotName: text(c.name),
          })),
          ...councilCandidates.map((c) => ({
            '@type': 'ElectionResults.Candidate',
            '@id': `candidate-council-${c.id}`,
            BallotName: text(c.name),
            PartyId: `party-${c.listId}`,
          })),
        ],
        Contest: [...mayor, ...lists, ...preferences, ...questions],
        BallotCounts: ballotCounts(records),
      },
    ],
  };
}
