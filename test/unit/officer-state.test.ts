import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../site/officer-app/outbox.js';
import {
  basedOnVersion,
  changedSince,
  createAppState,
  currentItems,
  forgetTypedForms,
  otherLanguage,
  tokenInFragment,
} from '../../site/officer-app/state.js';
import { officerSection } from './officer-fixtures.js';

const saved = (id: string, name: OutboxItem['state']['name'] = 'saved'): OutboxItem => ({
  id,
  electionId: 'test-2026',
  sectionId: '1',
  target: { kind: 'results' },
  body: {},
  basedOn: 0,
  savedAt: '2026-05-25T21:00:00.000Z',
  state:
    name === 'saved'
      ? { name: 'saved', attempts: 1 }
      : name === 'stale'
        ? { name: 'stale', currentVersion: 2 }
        : { name: 'answered', outcome: { version: 1, status: 'accepted', checks: [] } },
});

describe('the officer app’s state', () => {
  it('given a new app, then it starts signed out, idle, with nothing typed and no message, in the language given', () => {
    expect(createAppState('en')).toEqual({
      language: 'en',
      data: undefined,
      staleData: false,
      sending: false,
      dirty: new Set(),
      broadcasts: [],
    });
    expect([otherLanguage('it'), otherLanguage('en')]).toEqual(['en', 'it']);
  });

  it('given a printed link’s fragment, then its code is read; with none, or an empty one, nothing is', () => {
    expect(tokenInFragment('#token=abc123')).toBe('abc123');
    expect(tokenInFragment('#token=')).toBeUndefined();
    expect(tokenInFragment('')).toBeUndefined();
  });

  it('given what the server stores, then the checks see each turnout reading and the count as current items', () => {
    const items = currentItems(officerSection());
    expect(items.map((i) => (i.kind === 'turnout' ? `turnout:${i.slotId}` : i.kind))).toEqual([
      'turnout:T1',
      'results',
    ]);
    expect(currentItems(officerSection({ results: null, turnout: {} }))).toEqual([]);
  });

  it('given a stored version and a later answer to this phone, then a new submission corrects the later one', () => {
    const data = officerSection();
    expect(basedOnVersion(data, { kind: 'results' }, 0)).toBe(3);
    expect(basedOnVersion(data, { kind: 'results' }, 5)).toBe(5);
    expect(basedOnVersion(data, { kind: 'turnout', slotId: 'T1' }, 1)).toBe(2);
    expect(basedOnVersion(data, { kind: 'turnout', slotId: 'T2' }, 0)).toBe(0);
  });

  it('given typed forms, when the stored data is reloaded, then every typed count and reading is forgotten', () => {
    const dirty = new Set(['results', 'turnout:T1', 'turnout:T2']);
    forgetTypedForms(dirty);
    expect([...dirty]).toEqual([]);
  });

  it('given items before and after a send, then only those it moved on count as changed', () => {
    const before = new Map([
      ['a', 'saved'],
      ['b', 'saved'],
      ['c', 'stale'],
    ]);
    const after = [saved('a', 'answered'), saved('b'), saved('c', 'stale')];
    expect(changedSince(before, after).map((i) => i.id)).toEqual(['a']);
  });
});
