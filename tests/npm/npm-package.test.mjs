// The npm package `mockgate` (make npm -> target/npm/mockgate) used the way
// a JavaScript test suite uses it: require() from a plain Node script.
import test from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkgDir = process.env.MOCKGATE_NPM_DIR ?? join(root, "target", "npm", "mockgate");
const require = createRequire(import.meta.url);

// The AWS guide's MOCK example (seed-scope): 200 for scope=internal, else
// the 500 response picked by selection pattern 5\d{2}.
const seed = JSON.parse(
  readFileSync(join(root, "examples", "tests", "seed-scope.integration.json"), "utf8"),
);

test("package.json names the package mockgate, with main and types that exist", () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkg.name, "mockgate");
  assert.ok(existsSync(join(pkgDir, pkg.main)), pkg.main);
  assert.ok(existsSync(join(pkgDir, pkg.types)), pkg.types);
  for (const f of pkg.files) assert.ok(existsSync(join(pkgDir, f)), f);
  const types = readFileSync(join(pkgDir, pkg.types), "utf8");
  assert.match(types, /export function evaluate\(/);
  assert.match(types, /export interface EvaluateResult/);
  assert.match(readFileSync(join(pkgDir, "README.md"), "utf8"), /Jest or Vitest/);
});

test("require('mockgate').evaluate runs the seed MOCK example", () => {
  const { evaluate, version } = require(pkgDir);
  const ok = evaluate(seed, {
    httpMethod: "GET",
    path: "/",
    headers: { Accept: "application/json" },
    queryStringParameters: { scope: "internal" },
  });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(JSON.parse(ok.body), { statusCode: 200, message: "Go ahead without me." });
  assert.equal(ok.headers["Content-Type"], "application/json");

  const other = evaluate(seed, { queryStringParameters: { scope: "external" } });
  assert.equal(other.statusCode, 500);
  assert.equal(JSON.parse(other.body).statusCode, 500);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("a plain script in another folder can require the package by name", () => {
  // What a project with `npm install mockgate` does: resolve "mockgate"
  // from node_modules.
  const script = `
    const { evaluate } = require("mockgate");
    const r = evaluate(${JSON.stringify(seed)}, { queryStringParameters: { scope: "internal" } });
    process.stdout.write(String(r.statusCode));
  `;
  const out = execFileSync(process.execPath, ["-e", script], {
    env: { ...process.env, NODE_PATH: join(pkgDir, "..") },
  }).toString();
  assert.equal(out, "200");
});

test("bad input gives an error result, not an exception", () => {
  const { evaluate } = require(pkgDir);
  const r = evaluate({ type: "NOPE" }, {});
  assert.equal(r.statusCode, 400);
  assert.ok(r.error, JSON.stringify(r));
});
