import { canonicalJson, digestOf, sha256Hex } from './digest';

describe('sha256Hex', () => {
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the two-block FIPS vector', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['55 bytes (padding fits in one block)', 'a'.repeat(55), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
    ['56 bytes (padding needs a second block)', 'a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
    ['64 bytes', 'a'.repeat(64), 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
    ['a million "a"', 'a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
    ['two-byte UTF-8', 'héllo wörld', 'a1003f7d04a4115711d0b48a2eaf1359ce565d2d2a6fd65098dfcffadeeef59f'],
    ['three-byte UTF-8', '日本語テキスト', '8ad066c6ca423017415d5bb0ae118c6a8ec6c1da0e02a3257afbd7813e1119fa'],
    ['four-byte UTF-8 (surrogate pairs)', 'emoji 😀🚀', 'ba04265049fe6042ba0cb48bd41fa2201be01fc170ae50c5e5875f8373922f68'],
    ['the edges of each UTF-8 length', '\u00ff\u0100\u07ff\u0800\uffff', 'b8888651c66bba600225dd9eb58616593f21f78091db4b22711f6fb853d9a639'],
    ['a lone surrogate, encoded as U+FFFD', '\ud800x', 'a87ce46793cc659b79bd187e998f8488635f707d5be0957e1d565981efd2b04b'],
  ])('hashes %s like every other SHA-256', (_name, text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, 10: 'ten', 2: 'two' })).toBe('{"10":"ten","2":"two","a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('writes what JSON.stringify writes for values without objects', () => {
    expect(canonicalJson([1.5, -0, 'a"\n', true, null, undefined, Number.NaN])).toBe('[1.5,0,"a\\"\\n",true,null,null,null]');
  });

  it('gives the same text for equal values built in a different order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  it('refuses a value that has no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow('canonicalJson: a value of type undefined has no JSON form');
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow('bigint');
  });
});

describe('digestOf', () => {
  // Digests computed by the hand-written SHA-256 this module used before node:crypto: records stored then must still verify.
  it.each([
    [
      'a decision with a comment beyond ASCII',
      { kind: 'decision', issueId: '10001', team: 'cee', decision: 'approved', by: 'acc-cee', via: 'golive-cee', at: '2026-03-01T10:00:00.000Z', comment: 'Docs reviewed ✓ — “ok” 😀', covers: {} },
      '9958adfbb5586ee65f85e6133befbac7e47d1b4fcad44af951d7047d3da9df9f',
    ],
    [
      'answers with line breaks and accents',
      { kind: 'answers', issueId: '10001', answers: { 'rollback-tested': 'Yes, in staging\nsee https://x/y?a=1&b=2', 'in-use': 'métrique ünïcödé' }, by: 'acc-pm', at: '2026-03-01T09:00:00.000Z' },
      'e69482006daf15104bdf67bd81f8bf773a1dd7d4cc66eac62c63714cefe5edd7',
    ],
  ] as const)('gives %s the digest stored by earlier versions', (_name, record, stored) => {
    expect(digestOf(record)).toBe(stored);
  });

  it('changes when any field of a record changes and not when key order does', () => {
    const record = { kind: 'numbers', issueId: '1', values: { capacity: 5, velocity: 1 }, by: 'acc-pm', at: '2026-03-01T09:00:00.000Z' } as const;
    expect(digestOf(record)).toBe(digestOf({ at: record.at, by: record.by, values: { velocity: 1, capacity: 5 }, issueId: '1', kind: 'numbers' }));
    expect(digestOf(record)).not.toBe(digestOf({ ...record, values: { capacity: 6, velocity: 1 } }));
    expect(digestOf(record)).toMatch(/^[0-9a-f]{64}$/);
  });
});
