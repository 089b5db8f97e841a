// Finishes the npm package `mockgate` that `make npm` builds with
// `wasm-pack build --target nodejs` into target/npm/mockgate/: writes its
// package.json (name, version, main, types, files) and copies the README.
// Usage: node npm/package.mjs target/npm/mockgate
import { readFileSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node npm/package.mjs OUT_DIR");
  process.exit(2);
}
for (const f of ["mockgate.js", "mockgate.d.ts", "mockgate_bg.wasm"]) {
  if (!existsSync(join(out, f))) {
    console.error(`npm/package.mjs: ${join(out, f)} is missing; run wasm-pack first (make npm)`);
    process.exit(1);
  }
}

// The version is the workspace's ([workspace.package] version).
const cargo = readFileSync(join(here, "..", "Cargo.toml"), "utf8");
const section = cargo.split("[workspace.package]")[1] ?? "";
const version = /^version\s*=\s*"([^"]+)"/m.exec(section)?.[1] ?? "0.0.0";

const pkg = {
  name: "mockgate",
  version,
  description:
    "Amazon API Gateway (REST) mapping templates and integrations, offline: evaluate(integration, request) in Node",
  license: "MIT",
  main: "mockgate.js",
  types: "mockgate.d.ts",
  files: ["mockgate.js", "mockgate.d.ts", "mockgate_bg.wasm", "mockgate_bg.wasm.d.ts", "README.md"],
  keywords: ["aws", "api-gateway", "velocity", "vtl", "mapping-template", "mock", "testing"],
  engines: { node: ">=18" },
  sideEffects: false,
};
writeFileSync(join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
copyFileSync(join(here, "README.md"), join(out, "README.md"));
console.log(`npm package: ${out} (mockgate ${version})`);
