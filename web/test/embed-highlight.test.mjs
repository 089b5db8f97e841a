// The embed editor's tokenizers (web/src/embed/highlight.js): which part of
// a template gets which colour, and that the tokens always give back the
// text exactly (the editor lays them over the textarea's text).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenizeVelocity, tokenizeJson } from '../src/embed/highlight.js';

/** The tokens as "<cls>text</>" marks, plain text as is: easy to read in a diff. */
const marked = (tokens) => tokens.map(([c, t]) => (c ? `<${c}>${t}</>` : t)).join('');

test('directives, references, properties, strings and numbers in a request template', () => {
  const template = '#set($pets = $input.path(\'$.pets\'))\n#if( $pets.size() > 0 && $ctx != "x" )ok#{else}none#end';
  assert.equal(marked(tokenizeVelocity(template)),
    "<k>#set</><o>(</><v>$pets</> <o>=</> <v>$input</><p>.path</><o>(</><s>'$.pets'</><o>))</>\n"
    + '<k>#if</><o>(</> <v>$pets</><p>.size</><o>()</> <o>></> <n>0</> <o>&&</> <v>$ctx</> <o>!=</> <s>"x"</> <o>)</>'
    + 'ok<k>#{else}</>none<k>#end</>');
});

test('quiet and braced references keep their braces', () => {
  assert.equal(marked(tokenizeVelocity('$!{user.name} and ${a}b')),
    '<v>$!{user</><p>.name</><v>}</> and <v>${a}</>b');
});

test('line and block comments, and unparsed content', () => {
  assert.equal(marked(tokenizeVelocity('a ## note $x\n#* one\ntwo $y *#b#[[ $raw ]]#')),
    'a <c>## note $x</>\n<c>#* one\ntwo $y *#</>b<s>#[[ $raw ]]#</>');
  // Unterminated: to the end of the text.
  assert.equal(marked(tokenizeVelocity('#* open')), '<c>#* open</>');
});

test('the text a template prints is coloured like the JSON it usually is', () => {
  assert.equal(marked(tokenizeVelocity('{"id": "$input.params(\'id\')", "n": 12, "ok": true}')),
    '{<s>"id"</>: <s>"</><v>$input</><p>.params</><o>(</><s>\'id\'</><o>)</><s>"</>, <s>"n"</>: <n>12</>, <s>"ok"</>: <n>true</>}');
  // A stray quote colours no further than its line; words with digits stay words.
  assert.equal(marked(tokenizeVelocity('say "hi\nv2 x')), 'say <s>"hi</>\nv2 x');
});

test('escapes, unknown directives and a lone $ or # are text; macros are directives', () => {
  assert.equal(marked(tokenizeVelocity('\\$x \\#set #1 #hashtag $ 5')), '\\$x \\#set #<n>1</> #hashtag $ <n>5</>');
  assert.equal(marked(tokenizeVelocity('#greet("a $b.c")')), '<k>#greet</><o>(</><s>"a </><v>$b.c</><s>"</><o>)</>');
});

test('#foreach over a range, with word operators', () => {
  assert.equal(marked(tokenizeVelocity('#foreach($i in [1..3])#if($i == 2 and not $x)$i#end#end')),
    '<k>#foreach</><o>(</><v>$i</> <k>in</> <o>[</><n>1</><o>..</><n>3</><o>])</>'
    + '<k>#if</><o>(</><v>$i</> <o>==</> <n>2</> <k>and</> <k>not</> <v>$x</><o>)</><v>$i</><k>#end#end</>');
});

test('an unclosed bracket does not swallow the rest of the template', () => {
  // The ) closes the #set's ( although the [ inside never closed.
  assert.equal(marked(tokenizeVelocity('#set($a = [1, 2)\n"x": 1')), '<k>#set</><o>(</><v>$a</> <o>=</> <o>[</><n>1</><o>,</> <n>2</><o>)</>\n<s>"x"</>: <n>1</>');
});

test('JSON: keys, strings, numbers, literals, punctuation', () => {
  assert.equal(marked(tokenizeJson('{"a": [1, -2.5e3, true, null], "b": "x\\"y"}')),
    '<o>{</><p>"a"</><o>:</> <o>[</><n>1</><o>,</> <n>-2.5e3</><o>,</> <n>true</><o>,</> <n>null</><o>]</><o>,</> <p>"b"</><o>:</> <s>"x\\"y"</><o>}</>');
});

test('the tokens always join back into the text, whatever the text', () => {
  const samples = [
    '', '#', '$', '$!', '${', '#{', '#{if', '#if(', '#if((((', ')))]]]}}}', '"', "'", '#*', '*#', '#[[', '\\', '\\\\$x',
    '$a.b.c(', '$a(', '$a[', '$!{a.b(1, "x $y", [1..2], {"k": $v}).c}', '#set($x = "unterminated\nnext line',
    '\u{1F600} $x\u00e9 "\u00fc"', '\r\n#end\r\n', '#macro(m $a)$a#end#m(1)',
  ];
  // And random mixes of the characters the tokenizer cares about.
  const alphabet = '#$!{}()[]"\'*\\.,= \n\tabif1end';
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 2000; i++) {
    let s = '';
    const len = Math.floor(random() * 40);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(random() * alphabet.length)];
    samples.push(s);
  }
  for (const s of samples) {
    assert.equal(tokenizeVelocity(s).map(([, t]) => t).join(''), s, JSON.stringify(s));
    assert.equal(tokenizeJson(s).map(([, t]) => t).join(''), s, JSON.stringify(s));
    for (const [, t] of tokenizeVelocity(s)) assert.ok(t.length > 0, `no empty token for ${JSON.stringify(s)}`);
  }
});
