import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseYaml, toYaml, YamlTag } from '../src/export/yaml.js';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/yaml-pyyaml.json', import.meta.url), 'utf8'));

test('reads what PyYAML writes, in every style, as PyYAML reads it', () => {
  assert.ok(fixtures.cases.length >= 300);
  for (const { yaml, value } of fixtures.cases) {
    assert.deepEqual(parseYaml(yaml), value, yaml);
  }
});

const tricky = ['', ' ', 'a', 'true', 'null', '123', '1.5', '-x', '- x', 'a: b', 'a #b', '#x', "'*'", '"q"', '5\\d{2}',
  '${x} %{y}', 'line1\nline2', 'trailing\n', 'two\n\n', '\n', '\n\nlead', '  indented\nfirst', '\tTab\nx',
  'x\r\ny', 'nul\u0000', 'é ✓', '|', '>', '!Ref x', '&a', '*a', '[1]', '{a: 1}', 'key:', 'a\n  \nb', 'end  \nx'];

test('writes strings that read back exactly (literal blocks, quotes, plain)', () => {
  for (const s of tricky) {
    const doc = { k: s, list: [s, { inner: s }], [s || 'empty']: 1 };
    assert.deepEqual(parseYaml(toYaml(doc)), doc, JSON.stringify(s));
  }
});

test('exact output for a small document', () => {
  const text = toYaml({
    Type: 'MOCK',
    Status: '200',
    Pattern: '5\\d{2}',
    Value: "'*'",
    Template: '{\n  "a": 1\n}',
    Ref: new YamlTag('!Ref', 'RestApi'),
    List: [{ StatusCode: '200' }, 'x'],
    Empty: {},
  });
  assert.equal(text, [
    'Type: MOCK',
    'Status: "200"',
    'Pattern: "5\\\\d{2}"',
    'Value: "\'*\'"',
    'Template: |-',
    '  {',
    '    "a": 1',
    '  }',
    'Ref: !Ref RestApi',
    'List:',
    '  - StatusCode: "200"',
    '  - x',
    'Empty: {}',
    '',
  ].join('\n'));
});

test('CloudFormation short tags become intrinsic functions', () => {
  const v = parseYaml([
    'A: !Ref MyApi',
    'B: !GetAtt MyFn.Arn',
    'C: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/x"',
    'D: !Join',
    '  - ""',
    '  - - a',
    '    - !Ref B',
    'E: !Sub |',
    '  multi ${X}',
  ].join('\n'));
  assert.deepEqual(v, {
    A: { Ref: 'MyApi' },
    B: { 'Fn::GetAtt': ['MyFn', 'Arn'] },
    C: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/x' },
    D: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
    E: { 'Fn::Sub': 'multi ${X}\n' },
  });
});

test('block scalars: chomping, indentation indicator, folding', () => {
  assert.deepEqual(parseYaml('a: |\n  x\n  y\n\nb: 1'), { a: 'x\ny\n', b: 1 });
  assert.deepEqual(parseYaml('a: |-\n  x\n\n'), { a: 'x' });
  assert.deepEqual(parseYaml('a: |+\n  x\n\n\nb: 1'), { a: 'x\n\n\n', b: 1 });
  assert.deepEqual(parseYaml('a: |2\n    lead\n  x\n'), { a: '  lead\nx\n' });
  assert.deepEqual(parseYaml('a: >\n  one\n  two\n\n  three\n'), { a: 'one two\nthree\n' });
  assert.deepEqual(parseYaml('- |\n  in a list\n- b'), ['in a list\n', 'b']);
});

test('refuses what it does not support, with the line number', () => {
  assert.throws(() => parseYaml('a: &x [1]\nb: *x'), /line 1: anchors and aliases/);
  assert.throws(() => parseYaml('a:\n\tb: 1'), /line 2: a tab is used for indentation/);
  assert.throws(() => parseYaml('a: 1\na: 2'), /line 2: duplicate key "a"/);
  assert.throws(() => parseYaml('a: 1\n---\nb: 2'), /line 2: only one YAML document/);
  assert.throws(() => parseYaml('a: "open'), /unterminated quoted string/);
  assert.throws(() => parseYaml('a: [1, 2'), /unterminated/);
  assert.throws(() => parseYaml('a: 1\n  b: 2'), /line 2/);
  assert.throws(() => parseYaml('? complex\n: key'), /complex mapping keys/);
  assert.throws(() => parseYaml('a: "\\q"'), /unknown escape/);
});

test('deep nesting is refused, not a stack overflow', () => {
  const deep = Array.from({ length: 500 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1';
  assert.throws(() => parseYaml(deep), /nested too deeply/);
  assert.throws(() => parseYaml('a: ' + '['.repeat(5000)), /nested too deeply|unterminated/);
});

test('a "__proto__" key stays plain data', () => {
  const v = parseYaml('__proto__:\n  polluted: true\nb: {__proto__: 1}');
  assert.deepEqual(Object.keys(v), ['__proto__', 'b']);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.equal({}.polluted, undefined);
  assert.equal(v.b.__proto__, 1);
});

test('core-schema scalars and comments', () => {
  assert.deepEqual(parseYaml('# c\na: ~ # c\nb: true\nc: 0x1F\nd: -2.5e1\ne: "# not a comment"\nf: x#y\ng: \'it\'\'s\''),
    { a: null, b: true, c: 31, d: -25, e: '# not a comment', f: 'x#y', g: "it's" });
  assert.equal(parseYaml(''), null);
  assert.equal(parseYaml('---\n...\n'), null);
});

test('random text only ever gives a "YAML ..." Error', () => {
  let seed = 7;
  const rnd = (n) => { seed = (seed * 48271) % 2147483647; return seed % n; };
  const pieces = ['a', ' ', '\n', '\t', ':', '- ', '"', "'", '|', '>', '{', '}', '[', ']', ',', '#', '!', '&', '*', '?',
    '---', '...', '\\', '  ', 'x: ', '!Ref ', '%', '@'];
  for (let i = 0; i < 30000; i++) {
    let s = '';
    for (let j = rnd(20); j > 0; j--) s += pieces[rnd(pieces.length)];
    try {
      parseYaml(s);
    } catch (e) {
      assert.equal(e.constructor, Error, `${e.message} for ${JSON.stringify(s)}`);
      assert.match(e.message, /^YAML/);
    }
  }
});

// Inputs that made earlier versions of this reader quadratic (minutes of
// work): each must be read in one pass. The timeout only guards against a
// hang; linear reading takes milliseconds.
test('long lines and long multi-line scalars are read in linear time', { timeout: 60000 }, () => {
  const words = Array.from({ length: 20000 }, (_, i) => `w${i}`);
  assert.equal(parseYaml(`x: "${words.join('\n  ')}"`).x, words.join(' '));
  assert.equal(parseYaml(`x: '${words.join('\n\n  ')}'`).x, words.join('\n'));
  const flow = parseYaml('x: [\n' + words.map((w) => `  {"n": "${w}"},`).join('\n') + '\n]');
  assert.equal(flow.x.length, words.length);
  assert.equal(parseYaml('x' + ' '.repeat(100000) + 'y'), 'x' + ' '.repeat(100000) + 'y');
  assert.deepEqual(parseYaml('k: v' + ' '.repeat(100000) + '# comment'), { k: 'v' });
});
