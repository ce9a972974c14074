import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../shared/domain/log/base64.js';
import {
  formatCheckpoint,
  MalformedCheckpointError,
  parseCheckpoint,
  timeLine,
} from '../../shared/domain/log/checkpoint.js';
import { leafHash, toHex } from '../../shared/domain/log/rfc6962.js';
import {
  formatSignerKey,
  NoteError,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signerFromSeed,
  signNote,
  verifierKeyOf,
} from '../../shared/domain/log/signed-note.js';

// Go's golang.org/x/mod/sumdb/note tests: keys, texts and signatures.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

describe('verifier keys and signer keys of the note format', () => {
  it("given Go's example verifier key, then it parses, and every truncation or changed character of it is refused", () => {
    // Act
    const verifier = parseVerifierKey(PETER_VKEY);

    // Assert
    expect(verifier.name).toBe('PeterNeumann');
    expect(verifier.keyId).toBe(0xc74f20a3);
    expect(verifierKeyOf(verifier.name, verifier.publicKey)).toBe(PETER_VKEY);
    for (let i = 0; i < PETER_VKEY.length; i++) {
      for (let j = i + 1; j <= PETER_VKEY.length; j++)
        if (i !== 0 || j !== PETER_VKEY.length)
          expect(() => parseVerifierKey(PETER_VKEY.slice(i, j))).toThrow();
      const changed =
        PETER_VKEY.slice(0, i) + String.fromCharCode(PETER_VKEY.charCodeAt(i) + 1) + PETER_VKEY.slice(i + 1);
      expect(() => parseVerifierKey(changed)).toThrow();
    }
    // A key of the wrong length and an unknown algorithm, each with a matching key id (Go's cases)
    expect(() =>
      parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='),
    ).toThrow();
    expect(() =>
      parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'),
    ).toThrow();
  });

  it("given Go's example private key, then its seed gives Go's verifier key, and it formats back", () => {
    // Act
    const { name, seed } = parseSignerKey(PETER_SKEY);
    const signer = signerFromSeed(name, seed);

    // Assert
    expect(signer.verifierKey).toBe(PETER_VKEY);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(formatSignerKey(name, seed)).toBe(PETER_SKEY);
    expect(() => parseSignerKey(PETER_SKEY.replace('c74f20a3', 'c74f20a4'))).toThrow();
    expect(() => parseSignerKey(PETER_VKEY)).toThrow();
  });

  it("given C2SP signed-note's example verifier key, then its key id is the first 4 bytes of SHA-256(name, newline, 0x01, key)", () => {
    // Act
    const verifier = parseVerifierKey(
      'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k',
    );
    const note = openNote(
      'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n',
      [verifier],
    );

    // Assert
    expect(verifier.keyId).toBe(0x530d903a);
    expect(note.text).toBe('This is an example message.\n');
  });
});

describe('signing and opening notes', () => {
  it("given Go's example key and text, when signed, then the note is Go's, byte for byte", async () => {
    // Prepare
    const { name, seed } = parseSignerKey(PETER_SKEY);

    // Act
    const note = await signNote(TEXT, [signerFromSeed(name, seed)]);

    // Assert
    expect(note).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('given a signer that lives elsewhere (an async sign), then the note is the same', async () => {
    // Prepare
    const { name, seed } = parseSignerKey(PETER_SKEY);
    const local = signerFromSeed(name, seed);
    const remote = { name, keyId: local.keyId, sign: async (message: Uint8Array) => local.sign(message) };

    // Act
    const note = await signNote(TEXT, [remote]);

    // Assert
    expect(note).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it("given Go's note signed by two keys, then a signature of an unknown key is ignored and listed apart", () => {
    // Act
    const one = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [parseVerifierKey(PETER_VKEY)]);
    const both = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [
      parseVerifierKey(PETER_VKEY),
      parseVerifierKey(ENOCH_VKEY),
    ]);

    // Assert
    expect(one.text).toBe(TEXT);
    expect(one.verified.map((s) => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
    expect(one.unverified.map((s) => [s.name, s.keyId])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    expect(both.verified).toHaveLength(2);
    expect(both.unverified).toHaveLength(0);
  });

  it('given a note with no signature of the key, or a bad signature of it, then it is refused, saying which', () => {
    // Prepare
    const peter = parseVerifierKey(PETER_VKEY);
    const badSig = `${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    const open = (note: string, keys = [peter]) => {
      try {
        openNote(note, keys);
        return 'opened';
      } catch (error) {
        return error instanceof NoteError ? error.kind : 'other';
      }
    };

    // Act / Assert
    expect(open(`${TEXT}\n${ENOCH_SIG}`)).toBe('no-known-signature');
    expect(open(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [])).toBe('no-known-signature');
    expect(open(`${TEXT}\n${badSig}`)).toBe('invalid-signature');
    expect(open(`${TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`)).toBe('invalid-signature');
    expect(open(`${TEXT}\n${PETER_SIG.repeat(101)}`)).toBe('malformed');
  });

  it("given Go's malformed notes, then each is refused as malformed", () => {
    // Prepare
    const peter = parseVerifierKey(PETER_VKEY);
    const bad: (string | Uint8Array)[] = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      Uint8Array.of(0xff, ...new TextEncoder().encode(`${TEXT}\n${PETER_SIG}`)),
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
    ];

    for (const note of bad) {
      // Act / Assert
      expect(() => openNote(note, [peter])).toThrow(expect.objectContaining({ kind: 'malformed' }));
    }
  });

  it('given any text and a fresh key, when signed and opened, then the text comes back, and with another key it does not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(fc.stringMatching(/^[a-zA-Z0-9 àèé.,:—]{1,40}$/), { minLength: 1, maxLength: 5 }),
        async (seed, lines) => {
          // Prepare
          const signer = signerFromSeed('example.org/log', seed);
          const other = signerFromSeed(
            'example.org/log',
            seed.map((byte) => byte ^ 0xff),
          );
          const text = `${lines.join('\n')}\n`;

          // Act
          const note = await signNote(text, [signer]);

          // Assert
          expect(openNote(note, [parseVerifierKey(signer.verifierKey)]).text).toBe(text);
          expect(() => openNote(note, [parseVerifierKey(other.verifierKey)])).toThrow(NoteError);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('checkpoints', () => {
  it("given Go's sumdb tree vector, then the checkpoint body is Go's, and parses back", () => {
    // Prepare
    const root = leafHash(new TextEncoder().encode('hello world'));
    const golden = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';

    // Act
    const text = formatCheckpoint({ origin: 'go.sum database tree', size: 123456789012, root });
    const parsed = parseCheckpoint(golden);

    // Assert
    expect(text).toBe(golden);
    expect(parsed).toEqual({ origin: 'go.sum database tree', size: 123456789012, root, extensions: [] });
  });

  it('given a time, then the checkpoint carries it as an extension line, and a verifier reads it', () => {
    // Act
    const text = formatCheckpoint({
      origin: 'example.org/log/demo-2026',
      size: 3,
      root: new Uint8Array(32),
      time: new Date('2026-05-25T21:03:11.250Z'),
    });
    const parsed = parseCheckpoint(text);

    // Assert
    expect(text).toBe(
      'example.org/log/demo-2026\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\ntime 2026-05-25T21:03:11.250Z\n',
    );
    expect(parsed.time).toBe('2026-05-25T21:03:11.250Z');
    expect(parsed.extensions).toEqual(['time 2026-05-25T21:03:11.250Z']);
    expect(() => timeLine('2026-05-25 21:03')).toThrow();
  });

  it("given C2SP tlog-checkpoint's example, then it parses", () => {
    // Act
    const parsed = parseCheckpoint(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );

    // Assert
    expect(parsed.size).toBe(20852163);
    expect(toBase64(parsed.root)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(parsed.time).toBeUndefined();
  });

  it('given malformed checkpoints, then each is refused', () => {
    // Prepare
    const good = 'o\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';
    const bad = [
      good.slice(0, -1),
      'o\n05\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      'o\n0x5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      'o\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n',
      'o\n5\nAAAA\n',
      '\n5\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
      `${good}\n`,
      'o\n5\n',
    ];

    // Act / Assert
    expect(parseCheckpoint(good).size).toBe(5);
    for (const text of bad) expect(() => parseCheckpoint(text)).toThrow(MalformedCheckpointError);
  });
});

describe('base64', () => {
  it('given any bytes, then they encode as Node encodes them and decode back; a non-canonical text is refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        // Act
        const text = toBase64(bytes);

        // Assert
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(text)).toEqual(bytes);
      }),
    );
    expect(fromBase64('AB==')).toBeUndefined();
    expect(fromBase64('AA=A')).toBeUndefined();
    expect(fromBase64('AA')).toBeUndefined();
    expect(fromBase64('A A=')).toBeUndefined();
    expect(toHex(fromBase64('AA==') ?? new Uint8Array(1))).toBe('00');
  });
});
