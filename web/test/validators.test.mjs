// The exports checked by the ecosystem's own validators, when they are on
// the machine (cfn-lint and openapi-spec-validator come with the project's
// machine image; each test skips with the reason when its tool is missing).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES } from '../src/examples/index.js';
import { toCloudFormation, toOpenApi } from '../src/export/index.js';

function available(cmd) {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? false : `${cmd} is not installed`;
}

// The RestApi and Resource the exported method's !Ref placeholders point at.
const SUPPORT = `  RestApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: mockgate-export-check
  Resource:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref RestApi
      ParentId: !GetAtt RestApi.RootResourceId
      PathPart: items
`;

function withTempDir(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'mockgate-exports-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// One run of each tool over every file (each start costs seconds).

test('cfn-lint accepts every example exported as CloudFormation, and still flags a broken one', { skip: available('cfn-lint'), timeout: 180000 }, () => {
  withTempDir((dir) => {
    const files = EXAMPLES.map((ex) => {
      const file = join(dir, `${ex.id}.yaml`);
      writeFileSync(file, 'AWSTemplateFormatVersion: "2010-09-09"\n' + toCloudFormation(ex.integration, ex.request) + SUPPORT);
      return file;
    });
    // A control the linter must reject, so this test can fail.
    const broken = join(dir, 'broken-control.yaml');
    const text = toCloudFormation(EXAMPLES[0].integration, EXAMPLES[0].request).replace('Type: MOCK', 'Type: SOAP');
    writeFileSync(broken, 'AWSTemplateFormatVersion: "2010-09-09"\n' + text + SUPPORT);
    const r = spawnSync('cfn-lint', [...files, broken], { encoding: 'utf8' });
    const out = r.stdout + r.stderr;
    assert.notEqual(r.status, 0, 'the broken control is reported');
    const flagged = new Set([...out.matchAll(/([\w-]+)\.yaml:\d+:\d+/g)].map((m) => m[1]));
    assert.deepEqual([...flagged], ['broken-control'], out);
  });
});

test('openapi-spec-validator accepts every example exported as OpenAPI (YAML and JSON)', { skip: available('openapi-spec-validator'), timeout: 180000 }, () => {
  withTempDir((dir) => {
    const files = [];
    for (const ex of EXAMPLES) {
      for (const format of ['yaml', 'json']) {
        const file = join(dir, `${ex.id}.${format}`);
        writeFileSync(file, toOpenApi(ex.integration, ex.request, { format }));
        files.push(file);
      }
    }
    const r = spawnSync('openapi-spec-validator', files, { encoding: 'utf8' });
    const out = r.stdout + r.stderr;
    assert.equal(r.status, 0, out);
    assert.equal((out.match(/: OK$/gm) ?? []).length, files.length, out);
  });
});
