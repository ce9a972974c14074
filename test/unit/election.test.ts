import { describe, expect, it } from 'vitest';
import {
  ElectionDefinitionSchema,
  findDefinitionIssues,
  splitDefinition,
} from '../../shared/domain/election.js';
import { IdSchema } from '../../shared/domain/ids.js';
import { demoJson, municipalDefinition, referendumDefinition } from './fixtures.js';

/** The messages of a refused definition, or [] when it parses. */
function refusals(input: unknown): string[] {
  const parsed = ElectionDefinitionSchema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the demo election definition (events/elections/demo.json)', () => {
  it('given the demo file, when parsed, then it is accepted and the whole-definition checks find nothing', () => {
    // Prepare
    const input = demoJson();

    // Act
    const parsed = ElectionDefinitionSchema.safeParse(input);

    // Assess
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(findDefinitionIssues(parsed.data)).toEqual([]);
  });

  it('given the demo file, when parsed, then it describes a municipality over 15,000 with 40 sections in 4 districts', () => {
    // Act
    const demo = ElectionDefinitionSchema.parse(demoJson());

    // Assess
    expect(demo).toMatchObject({ id: 'demo-2026', kind: 'municipal', rehearsal: false, maxPreferences: 2 });
    expect(demo.municipality).toEqual({ name: 'Esempio', istatCode: '099999', population: 48000 });
    expect(demo.sections.map((s) => s.id)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
    const perDistrict: Record<string, number> = {};
    for (const s of demo.sections) perDistrict[s.district ?? ''] = (perDistrict[s.district ?? ''] ?? 0) + 1;
    expect(perDistrict).toEqual({ Centro: 10, Marina: 10, Colline: 10, Stazione: 10 });
    for (const section of demo.sections) {
      expect(section.registeredVoters).toBeGreaterThanOrEqual(850);
      expect(section.registeredVoters).toBeLessThanOrEqual(1250);
      expect((section.registeredMale ?? 0) + (section.registeredFemale ?? 0)).toBe(section.registeredVoters);
    }
  });

  it('given the demo file, when parsed, then its coalitions are 3, 3, 2 and 2 lists of 24 council candidates each', () => {
    // Act
    const demo = ElectionDefinitionSchema.parse(demoJson());

    // Assess
    expect(demo.candidates.map((c) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(demo.lists.map((l) => l.candidateId)).toEqual([
      'C1',
      'C1',
      'C1',
      'C2',
      'C2',
      'C2',
      'C3',
      'C3',
      'C4',
      'C4',
    ]);
    for (const list of demo.lists) {
      expect(list.councilCandidates?.map((c) => c.id)).toEqual(
        Array.from({ length: 24 }, (_, i) => `${list.id}-${i + 1}`),
      );
    }
    expect(demo.turnoutSlots.filter((s) => s.final).map((s) => s.id)).toEqual(['T4']);
    expect(demo.questions).toEqual([]);
  });

  it('given the demo definition, when split, then the head carries the section count and the registered electors', () => {
    // Prepare
    const demo = ElectionDefinitionSchema.parse(demoJson());

    // Act
    const { head, sections } = splitDefinition(demo);

    // Assess
    expect(head.sectionCount).toBe(40);
    expect(head.registeredVoters).toBe(sections.reduce((sum, s) => sum + s.registeredVoters, 0));
    expect(head).not.toHaveProperty('sections');
  });
});

describe('ElectionDefinitionSchema: what a definition must satisfy as a whole', () => {
  it('given a valid municipal definition, when parsed, then it is accepted', () => {
    // Act
    const messages = refusals(municipalDefinition());

    // Assess
    expect(messages).toEqual([]);
  });

  it('given a valid referendum definition, when parsed, then it is accepted', () => {
    // Act
    const messages = refusals(referendumDefinition());

    // Assess
    expect(messages).toEqual([]);
  });

  it('given a previous turnout without the election it comes from, when parsed, then it is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    definition.turnoutSlots = definition.turnoutSlots.map((slot) => ({ ...slot, previousPercent: 40 }));

    // Act
    const messages = refusals(definition);
    const named = refusals({ ...definition, previousElection: 'Comunali 2021' });

    // Assess
    expect(messages).toEqual([
      'previousElection: previousPercent needs previousElection: the election it is compared with',
    ]);
    expect(named).toEqual([]);
  });

  it('given a previous turnout over 100%, when parsed, then it is refused', () => {
    // Prepare
    const definition = { ...municipalDefinition(), previousElection: 'Comunali 2021' };
    definition.turnoutSlots = definition.turnoutSlots.map((slot) => ({ ...slot, previousPercent: 100.5 }));

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages.length).toBe(definition.turnoutSlots.length);
    expect(messages[0]).toMatch(/^turnoutSlots\.0\.previousPercent: /);
  });

  it('given two sections with the same id, when parsed, then the duplicate is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    definition.sections.push({ id: '1', name: 'Sezione 1 bis', registeredVoters: 500 });

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['sections.2.id: duplicate id "1"']);
  });

  it('given two lists with the same id, when parsed, then the duplicate is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    definition.lists.push({ id: 'L1', name: 'Lista Uno bis', candidateId: 'C2' });

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['lists.3.id: duplicate id "L1"']);
  });

  it('given one council candidate id in two lists, when parsed, then it is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    definition.lists[2]?.councilCandidates?.push({ id: 'L1-1', name: 'Ferri Luca' });

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['lists: council candidate id "L1-1" is used twice']);
  });

  it('given a list linked to an unknown candidate, when parsed, then the link is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    const list = definition.lists[1];
    if (list) list.candidateId = 'C9';

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['lists.1.candidateId: list "L2" is linked to unknown candidate "C9"']);
  });

  it('given two final turnout slots, when parsed, then it is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    const slot = definition.turnoutSlots[1];
    if (slot) slot.final = true;

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['turnoutSlots: at most one turnout slot is final']);
  });

  it('given turnout slots out of chronological order, when parsed, then it is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    const slot = definition.turnoutSlots[1];
    if (slot) slot.at = '2026-05-24T11:00:00+02:00';

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['turnoutSlots.1.at: turnout slots must be in chronological order']);
  });

  it('given registered male + female different from the registered electors, when parsed, then it is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    definition.sections[0] = {
      ...definition.sections[0],
      id: '1',
      name: 'Sezione 1',
      registeredVoters: 1001,
    };

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual([
      'sections.0: section "1": registeredMale + registeredFemale must equal registeredVoters',
    ]);
  });

  it('given a referendum with candidates and lists, when parsed, then it is refused', () => {
    // Prepare
    const definition = referendumDefinition();
    definition.candidates = [{ id: 'C1', name: 'Giorgio Fede' }];
    definition.lists = [{ id: 'L1', name: 'Lista Uno', candidateId: 'C1' }];

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['candidates: a referendum has no candidates or lists']);
  });

  it('given a referendum without questions, when parsed, then it is refused', () => {
    // Prepare
    const definition = referendumDefinition();
    definition.questions = [];

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual(['questions: a referendum needs questions']);
  });

  it('given a municipal election without candidates or with questions, when parsed, then it is refused', () => {
    // Prepare
    const definition = municipalDefinition();
    definition.candidates = [];
    definition.lists = [];
    definition.questions = [{ id: 'Q1', text: 'Volete il nuovo parco?' }];

    // Act
    const messages = refusals(definition);

    // Assess
    expect(messages).toEqual([
      'candidates: a municipal election needs candidates',
      'questions: a municipal election has no questions',
    ]);
  });

  it('given a mayoral candidate with no linked list, when parsed, then it is refused (TUEL art. 71 c. 3, art. 73 c. 2)', () => {
    // Prepare
    const definition = municipalDefinition();
    definition.candidates.push({ id: 'C9', name: 'Senza Lista' });
    // Act
    const messages = refusals(definition);
    // Assess
    expect(messages).toEqual(['candidates.2: candidate "C9" has no linked list']);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'given the reserved id %s for a section, a candidate or the election, when parsed, then each is refused',
    (reserved) => {
      // Prepare
      const asSection = municipalDefinition();
      asSection.sections.push({ id: reserved, name: 'Sezione riservata', registeredVoters: 500 });
      const asCandidate = municipalDefinition();
      asCandidate.candidates.push({ id: reserved, name: 'Nome Riservato' });
      asCandidate.lists.push({ id: 'L-reserved', name: 'Lista Riservata', candidateId: reserved });
      const asElection = { ...municipalDefinition(), id: reserved };

      // Act
      const results = [asSection, asCandidate, asElection].map(refusals);

      // Assess
      for (const messages of results) {
        expect(messages.length).toBeGreaterThan(0);
        for (const message of messages) expect(message).toContain('this id is reserved');
      }
    },
  );

  it('given ids that are too long or contain other characters, when validated, then they are refused', () => {
    // Act
    const verdicts = ['a'.repeat(64), 'a'.repeat(65), 'L1.1', 'sezione 1', '', 'L1-1_b'].map(
      (id) => IdSchema.safeParse(id).success,
    );

    // Assess
    expect(verdicts).toEqual([true, false, false, false, false, true]);
  });

  it('given an unknown top-level field or an ISTAT code of five digits, when parsed, then it is refused', () => {
    // Prepare
    const withExtra = { ...municipalDefinition(), mayor: 'C1' };
    const withShortCode = municipalDefinition();
    withShortCode.municipality.istatCode = '99999';

    // Act
    const extra = ElectionDefinitionSchema.safeParse(withExtra).success;
    const shortCode = ElectionDefinitionSchema.safeParse(withShortCode).success;

    // Assess
    expect(extra).toBe(false);
    expect(shortCode).toBe(false);
  });

  it('given a definition without the defaulted fields, when parsed, then rehearsal is false and the counts default', () => {
    // Prepare
    const { rehearsal, councilSeats, maxPreferences, questions, ...rest } = municipalDefinition();

    // Act
    const parsed = ElectionDefinitionSchema.parse(rest);

    // Assess
    expect(parsed).toMatchObject({ rehearsal: false, councilSeats: 0, maxPreferences: 0, questions: [] });
  });
});
