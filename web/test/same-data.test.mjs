import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameData } from '../src/ui/same-data.js';

test('sameData says the same for equal plain data and different for any difference', () => {
  const step = () => ({ step: 'requestTemplate', output: 'x'.repeat(10_000), matched: true, rows: [{ a: 1 }, null, [2, '3']] });
  assert.equal(sameData(step(), step()), true);
  assert.equal(sameData([], []), true);
  assert.equal(sameData(null, null), true);
  const variants = [
    { ...step(), output: `${'x'.repeat(9_999)}y` },
    { ...step(), matched: false },
    { ...step(), rows: [{ a: 1 }, null, [2, 3]] },
    { ...step(), rows: [{ a: 1 }, null] },
    { ...step(), extra: 0 },
    (({ matched, ...rest }) => rest)(step()),
    { ...step(), rows: { 0: { a: 1 }, 1: null, 2: [2, '3'], length: 3 } },
  ];
  for (const v of variants) {
    assert.equal(sameData(step(), v), false, JSON.stringify(v).slice(0, 80));
    assert.equal(sameData(v, step()), false);
  }
  assert.equal(sameData(0, '0'), false);
  assert.equal(sameData(null, {}), false);
  assert.equal(sameData({}, []), false);
  assert.equal(sameData({ a: undefined }, { b: undefined }), false);
});
