import { describe, expect, it } from 'vitest';
import { createOutbox, type OutboxItem, type SendResult, stateAfter } from '../../site/officer-app/outbox.js';

/** An outbox on an in-memory "device", with a scripted network. */
function device(answers: SendResult[]) {
  let stored: OutboxItem[] = [];
  const sent: { id: string; basedOn: number; body: unknown }[] = [];
  let n = 0;
  const outbox = createOutbox({
    load: () => structuredClone(stored),
    save: (items) => {
      stored = structuredClone(items);
    },
    async send(item) {
      sent.push({ id: item.id, basedOn: item.basedOn, body: item.body });
      return answers.shift() ?? { status: 'unreachable' };
    },
    newId: () => `item-${++n}`,
    now: () => '2026-05-25T21:00:00.000Z',
  });
  return { outbox, sent, stored: () => stored };
}

const results = (voters: number, basedOn = 0) => ({
  electionId: 'e',
  sectionId: '1',
  target: { kind: 'results' } as const,
  body: { voters },
  basedOn,
});
const accepted = (version: number): SendResult => ({
  status: 200,
  body: { version, status: 'accepted', checks: [] },
});

describe('the officer app outbox', () => {
  it('given no connection, when a submission is made, then it stays saved on the device and is sent once the network returns', async () => {
    // Prepare
    const { outbox, sent } = device([{ status: 'unreachable' }, accepted(1)]);
    outbox.add(results(560));

    // Act
    const whileOffline = await outbox.flush();
    const stateOffline = outbox.items()[0]?.state;
    const afterReturn = await outbox.flush();
    const again = await outbox.flush();

    // Assess
    expect(whileOffline).toBe('unreachable');
    expect(stateOffline).toEqual({ name: 'saved', attempts: 1 });
    expect(afterReturn).toBe('done');
    expect(again).toBe('done');
    expect(sent).toHaveLength(2);
    expect(outbox.items()[0]?.state).toEqual({
      name: 'answered',
      outcome: { version: 1, status: 'accepted', checks: [] },
    });
  });

  it('given a correction typed again before it was sent, when sent, then only the latest goes out, once', async () => {
    // Prepare
    const { outbox, sent } = device([accepted(2)]);
    outbox.add(results(560, 1));
    outbox.add(results(561, 1));

    // Act
    await outbox.flush();

    // Assess
    expect(sent).toEqual([{ id: 'item-2', basedOn: 1, body: { voters: 561 } }]);
    expect(outbox.items()).toHaveLength(1);
  });

  it('given a correction typed while the first send is on its way, when both are sent, then the correction follows the stored version instead of being refused', async () => {
    // Prepare: the first send reaches the server, but its answer is lost on the way back.
    const { outbox, sent } = device([{ status: 'unreachable' }, accepted(1), accepted(2)]);
    outbox.add(results(560, 0));
    await outbox.flush();
    outbox.add(results(561, 0));

    // Act
    const result = await outbox.flush();

    // Assess: the first is re-sent (the server answers its stored version 1), then the correction replaces version 1.
    expect(result).toBe('done');
    expect(sent.map(({ basedOn, body }) => ({ basedOn, body }))).toEqual([
      { basedOn: 0, body: { voters: 560 } },
      { basedOn: 0, body: { voters: 560 } },
      { basedOn: 1, body: { voters: 561 } },
    ]);
    expect(outbox.latestAnswered('e', '1', { kind: 'results' })).toBe(2);
  });

  it('given a revoked code, when sending, then what waits is kept, not refused, until the officer signs in again', async () => {
    // Prepare
    const { outbox, sent } = device([
      { status: 401, body: { error: { code: 'UNAUTHORIZED' } } },
      accepted(1),
    ]);
    outbox.add(results(560));

    // Act
    const revoked = await outbox.flush();
    const waitingAfterRevoked = outbox.waiting();
    const afterSignIn = await outbox.flush();

    // Assess
    expect(revoked).toBe('unauthorized');
    expect(waitingAfterRevoked).toBe(1);
    expect(afterSignIn).toBe('done');
    expect(sent).toHaveLength(2);
  });

  it('given two flushes at once (a timer and the online event), then each waiting item is sent once', async () => {
    // Prepare
    const { outbox, sent } = device([accepted(1)]);
    outbox.add(results(560));

    // Act
    const [first, second] = await Promise.all([outbox.flush(), outbox.flush()]);

    // Assess
    expect([first, second]).toEqual(['done', 'done']);
    expect(sent).toHaveLength(1);
  });

  it('given a newer version stored by another device, when the correction is sent, then it is marked stale with that version and not retried', async () => {
    // Prepare
    const { outbox, sent } = device([
      {
        status: 412,
        body: {
          error: { code: 'VERSION_MISMATCH', message: '...', details: [{ message: 'current version: 3' }] },
        },
      },
    ]);
    outbox.add(results(560, 1));

    // Act
    await outbox.flush();
    await outbox.flush();

    // Assess
    expect(outbox.items()[0]?.state).toEqual({ name: 'stale', currentVersion: 3 });
    expect(sent).toHaveLength(1);
  });

  it('given each answer, then the outbox knows what to do with it', () => {
    const error = (code: string) => ({ error: { code, message: `${code} happened` } });

    expect(stateAfter({ status: 503, body: null }, 2)).toEqual({ name: 'saved', attempts: 2 });
    expect(stateAfter({ status: 429, body: error('RATE_LIMITED') }, 1)).toEqual({
      name: 'saved',
      attempts: 1,
    });
    expect(stateAfter({ status: 409, body: error('CONCURRENT_WRITE') }, 1)).toEqual({
      name: 'saved',
      attempts: 1,
    });
    expect(stateAfter({ status: 409, body: error('ELECTION_CERTIFIED') }, 1)).toEqual({
      name: 'refused',
      status: 409,
      code: 'ELECTION_CERTIFIED',
      message: 'ELECTION_CERTIFIED happened',
    });
    expect(stateAfter({ status: 401, body: error('UNAUTHORIZED') }, 1)).toEqual({
      name: 'saved',
      attempts: 1,
    });
    expect(stateAfter({ status: 403, body: error('FORBIDDEN') }, 1)).toEqual({ name: 'saved', attempts: 1 });
    expect(stateAfter({ status: 400, body: error('VALIDATION_FAILED') }, 1)).toMatchObject({
      name: 'refused',
      status: 400,
    });
  });

  it('given answered items, when cleared, then only what still waits is kept', async () => {
    // Prepare
    const { outbox } = device([accepted(1), { status: 'unreachable' }]);
    outbox.add(results(560));
    await outbox.flush();
    outbox.add({ ...results(12), target: { kind: 'turnout', slotId: 'T1' } });
    await outbox.flush();

    // Act
    outbox.clearAnswered();

    // Assess
    expect(outbox.items().map((i) => i.target)).toEqual([{ kind: 'turnout', slotId: 'T1' }]);
    expect(outbox.waiting()).toBe(1);
  });
});
