import { describe, expect, it } from 'vitest';
import { readStreamRecord } from '../../shared/db/stream-record.js';

describe('reading a stream record', () => {
  it('given an empty map written as {} (as DynamoDB Local emits it), when read, then it is an empty map', () => {
    // Prepare: the shape DynamoDB Local 3.3 wrote for { tally: {}, body: { preferenceVotes: {} } }
    const record = {
      dynamodb: {
        Keys: { PK: { S: 'A' }, SK: { S: 'RESULT' } },
        NewImage: {
          PK: { S: 'A' },
          SK: { S: 'RESULT' },
          tally: {},
          body: { M: { preferenceVotes: {}, voters: { N: '5' } } },
          checks: { L: [{ M: { details: {} } }] },
        },
      },
    };
    // Act
    const { newImage } = readStreamRecord(record as never);
    // Assess
    expect(newImage).toEqual({
      PK: 'A',
      SK: 'RESULT',
      tally: {},
      body: { preferenceVotes: {}, voters: 5 },
      checks: [{ details: {} }],
    });
  });

  it('given the typed form AWS emits, when read, then it is read as is', () => {
    const record = {
      dynamodb: {
        Keys: { PK: { S: 'A' }, SK: { S: 'B' } },
        NewImage: { tally: { M: { 'candidate.C1': { N: '3' } } } },
      },
    };
    expect(readStreamRecord(record as never).newImage).toEqual({ tally: { 'candidate.C1': 3 } });
  });
});
