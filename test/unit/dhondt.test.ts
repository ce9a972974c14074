import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dhondt, type Party } from '../../shared/domain/dhondt.js';

/** Parties with distinct ids p0, p1, ... and arbitrary vote counts, some of them zero. */
const partiesArb = (maxVotes = 1_000_000) =>
  fc
    .array(fc.nat(maxVotes), { minLength: 1, maxLength: 12 })
    .map((votes) => votes.map((v, i): Party => ({ id: `p${i}`, votes: v })));

const seatsArb = fc.integer({ min: 0, max: 100 });

const total = (seats: Record<string, number>) => Object.values(seats).reduce((a, b) => a + b, 0);

describe('dhondt: textbook examples', () => {
  it("given Wikipedia's D'Hondt example (100,000 / 80,000 / 30,000 / 20,000 votes, 8 seats), when allocated, then the seats are 4 / 3 / 1 / 0", () => {
    // Prepare
    const parties = [
      { id: 'A', votes: 100_000 },
      { id: 'B', votes: 80_000 },
      { id: 'C', votes: 30_000 },
      { id: 'D', votes: 20_000 },
    ];

    // Act
    const result = dhondt(parties, 8);

    // Assess
    expect(result).toEqual({ seats: { A: 4, B: 3, C: 1, D: 0 }, tiedByLot: [] });
  });

  it("given Wikipedia's highest-averages example (47,000 / 16,000 / 15,900 / 12,000 / 6,000 / 3,100 votes, 10 seats), when allocated, then the seats are 5 / 2 / 2 / 1 / 0 / 0", () => {
    // Prepare
    const parties = [
      { id: 'yellows', votes: 47_000 },
      { id: 'whites', votes: 16_000 },
      { id: 'reds', votes: 15_900 },
      { id: 'greens', votes: 12_000 },
      { id: 'blues', votes: 6_000 },
      { id: 'pinks', votes: 3_100 },
    ];

    // Act
    const result = dhondt(parties, 10);

    // Assess
    expect(result.seats).toEqual({ yellows: 5, whites: 2, reds: 2, greens: 1, blues: 0, pinks: 0 });
  });

  it('given quotients that differ only beyond floating-point precision, when allocated, then they are compared exactly', () => {
    // Prepare: 3,000,000,001 / 3 is 1,000,000,000.33..., just above 1,000,000,000 / 1.
    const parties = [
      { id: 'big', votes: 3_000_000_001 },
      { id: 'small', votes: 1_000_000_000 },
    ];

    // Act
    const result = dhondt(parties, 4);

    // Assess: big wins seats at /1, /2 and /3 before small's first quotient.
    expect(result).toEqual({ seats: { big: 3, small: 1 }, tiedByLot: [] });
  });
});

describe('dhondt: ties', () => {
  it('given a tie of quotient, when the last seat is allocated, then it goes to the party with more total votes (TUEL art. 73 c. 8)', () => {
    // Prepare: A's second quotient 6/2 = 3 ties with B's first 3/1.
    const parties = [
      { id: 'b', votes: 3 },
      { id: 'a', votes: 6 },
    ];

    // Act
    const result = dhondt(parties, 2);

    // Assess
    expect(result).toEqual({ seats: { b: 0, a: 2 }, tiedByLot: [] });
  });

  it('given any tie of quotient between a party and one with half its votes, when the last seat is allocated, then the larger party takes it and no lot is drawn', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (v) => {
        // Prepare
        const parties = [
          { id: 'half', votes: v },
          { id: 'double', votes: 2 * v },
        ];

        // Act
        const result = dhondt(parties, 2);

        // Assess
        expect(result).toEqual({ seats: { half: 0, double: 2 }, tiedByLot: [] });
      }),
    );
  });

  it('given a tie of quotient and of total votes, when the last seat is allocated, then the lot (id order) decides and both parties are reported', () => {
    // Prepare
    const parties = [
      { id: 'zeta', votes: 500 },
      { id: 'alfa', votes: 500 },
      { id: 'beta', votes: 100 },
    ];

    // Act
    const result = dhondt(parties, 3);

    // Assess: 500, 500, then 250 vs 250: alfa before zeta.
    expect(result).toEqual({ seats: { zeta: 1, alfa: 2, beta: 0 }, tiedByLot: ['alfa', 'zeta'] });
  });

  it('given a tie of quotient and total votes that falls inside the seats awarded, when allocated, then no lot is reported', () => {
    // Prepare
    const parties = [
      { id: 'a', votes: 500 },
      { id: 'b', votes: 500 },
    ];

    // Act
    const result = dhondt(parties, 4);

    // Assess
    expect(result).toEqual({ seats: { a: 2, b: 2 }, tiedByLot: [] });
  });
});

describe('dhondt: properties', () => {
  it('given some party with votes, when allocated, then the seats sum to the total', () => {
    fc.assert(
      fc.property(partiesArb(), seatsArb, (parties, seats) => {
        // Prepare
        fc.pre(parties.some((p) => p.votes > 0));

        // Act
        const result = dhondt(parties, seats);

        // Assess
        expect(total(result.seats)).toBe(seats);
      }),
    );
  });

  it('given parties with no votes, when allocated, then they get no seat, and nobody does when nobody has votes', () => {
    fc.assert(
      fc.property(partiesArb(), seatsArb, (parties, seats) => {
        // Act
        const result = dhondt(parties, seats);

        // Assess
        for (const p of parties.filter((x) => x.votes === 0)) expect(result.seats[p.id]).toBe(0);
        if (parties.every((p) => p.votes === 0)) expect(total(result.seats)).toBe(0);
        expect(Object.keys(result.seats).sort()).toEqual(parties.map((p) => p.id).sort());
      }),
    );
  });

  it('given more votes for one party and all else equal, when allocated, then its seats never decrease', () => {
    fc.assert(
      fc.property(
        partiesArb(),
        seatsArb,
        fc.nat(),
        fc.integer({ min: 1, max: 500_000 }),
        (parties, seats, pick, extra) => {
          // Prepare
          const index = pick % parties.length;
          const target = parties[index] as Party;
          const more = parties.map((p, i) => (i === index ? { ...p, votes: p.votes + extra } : p));

          // Act
          const before = dhondt(parties, seats).seats[target.id] ?? 0;
          const after = dhondt(more, seats).seats[target.id] ?? 0;

          // Assess
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('given two parties, when allocated, then the one with more votes never gets fewer seats', () => {
    fc.assert(
      fc.property(partiesArb(), seatsArb, (parties, seats) => {
        // Act
        const result = dhondt(parties, seats);

        // Assess
        for (const a of parties) {
          for (const b of parties) {
            if (a.votes > b.votes)
              expect(result.seats[a.id] ?? 0).toBeGreaterThanOrEqual(result.seats[b.id] ?? 0);
          }
        }
      }),
    );
  });

  it('given one more seat, when allocated, then no party loses a seat (house monotonicity)', () => {
    fc.assert(
      fc.property(partiesArb(), fc.integer({ min: 0, max: 99 }), (parties, seats) => {
        // Act
        const smaller = dhondt(parties, seats).seats;
        const larger = dhondt(parties, seats + 1).seats;

        // Assess
        for (const p of parties) expect(larger[p.id] ?? 0).toBeGreaterThanOrEqual(smaller[p.id] ?? 0);
      }),
    );
  });

  it('given any allocation, when compared to exact proportionality, then every party gets at least the floor of its quota', () => {
    fc.assert(
      fc.property(partiesArb(), seatsArb, (parties, seats) => {
        // Prepare
        const votes = parties.reduce((sum, p) => sum + p.votes, 0);
        fc.pre(votes > 0);

        // Act
        const result = dhondt(parties, seats);

        // Assess
        for (const p of parties)
          expect(result.seats[p.id] ?? 0).toBeGreaterThanOrEqual(Math.floor((p.votes * seats) / votes));
      }),
    );
  });

  it('given the same parties in any order, when allocated twice, then the results are identical (reproducible, lot included)', () => {
    fc.assert(
      fc.property(
        partiesArb(20).chain((parties) =>
          fc.tuple(fc.constant(parties), fc.shuffledSubarray(parties, { minLength: parties.length })),
        ),
        seatsArb,
        ([parties, shuffled], seats) => {
          // Act
          const first = dhondt(parties, seats);
          const second = dhondt(shuffled, seats);

          // Assess
          expect(second.seats).toEqual(first.seats);
          expect(second.tiedByLot).toEqual(first.tiedByLot);
        },
      ),
    );
  });

  it('given a lot was drawn, when reported, then every party in it has the same votes and at least one won and one lost', () => {
    fc.assert(
      fc.property(partiesArb(20), seatsArb, (parties, seats) => {
        // Act
        const result = dhondt(parties, seats);

        // Assess
        fc.pre(result.tiedByLot.length > 0);
        const tied = parties.filter((p) => result.tiedByLot.includes(p.id));
        expect(new Set(tied.map((p) => p.votes)).size).toBe(1);
        expect(new Set(tied.map((p) => result.seats[p.id])).size).toBe(2);
      }),
      { numRuns: 300 },
    );
  });
});

describe('dhondt: input checks', () => {
  it('given a duplicate id, a negative or fractional vote count or seat count, when allocated, then it is refused', () => {
    // Act
    const attempts = [
      () =>
        dhondt(
          [
            { id: 'a', votes: 1 },
            { id: 'a', votes: 2 },
          ],
          1,
        ),
      () => dhondt([{ id: 'a', votes: -1 }], 1),
      () => dhondt([{ id: 'a', votes: 1.5 }], 1),
      () => dhondt([{ id: 'a', votes: 1 }], -1),
      () => dhondt([{ id: 'a', votes: 1 }], 2.5),
    ];

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow(RangeError);
  });

  it('given zero seats, when allocated, then nobody gets a seat', () => {
    // Act
    const result = dhondt([{ id: 'a', votes: 10 }], 0);

    // Assess
    expect(result).toEqual({ seats: { a: 0 }, tiedByLot: [] });
  });
});
