// `make bench`: mockgate beside velocityjs on the workloads in
// /work/shared/bench (or $MOCKGATE_BENCH_DIR), in one run, as ratios.
//
// Engines and modes (the same work for each; see the workloads' README):
//   parse+render  parse the template, render it with $input over the body
//                 and parameters (and $util)
//   render        the template parsed once, rendered each time (with the
//                 same body: mockgate keeps what it parsed of the last body)
//   render, new body  transform: two bodies in turn, so nothing parsed of a
//                 body is reused
//   evaluate      mockgate only: the whole API Gateway pipeline on NAME.json
//   render N MB   transform's template over 0.1, 1 and 10 MB bodies (cost
//                 should grow linearly with the input)
//
//   mockgate native  crates/gateway/benches/render.rs (cargo bench), run
//                    from here; its lines are read back as JSON
//   mockgate wasm    web/pkg (the playground's optimised module) under this
//                    Node: PreparedTemplate, renderMapping, evaluate
//   velocityjs       bench/node_modules (bench/package.json), with $input
//                    and $util written in JavaScript as a user of it would
//
//   airspeed-ext     bench/peer_airspeed.py under bench/.venv (make bench
//                    installs it from PyPI): LocalStack's Velocity engine,
//                    parse+render and render only; skipped, with a note,
//                    when bench/.venv is missing
//
// apigw-vtl-emulator is not measured: its only dependency, `velocits`, is
// not in the npm registry (npm install fails with E404).
//
// Each figure is the median rate of ~10 timed batches after a warm-up
// ($MOCKGATE_BENCH_SECS per figure, default 1). The machine is shared:
// compare the ratios (measured in the same run), not the absolute rates.
// Nothing here is a test; nothing asserts on time.
//
//   node bench/run.mjs [--no-native] [filter]

import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { initSync, PreparedTemplate, renderMapping, evaluate } from '../web/pkg/mockgate_wasm.js';
import velocity from 'velocityjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.MOCKGATE_BENCH_DIR ?? '/work/shared/bench';
const secs = Number(process.env.MOCKGATE_BENCH_SECS ?? 1);
const args = process.argv.slice(2);
const native = !args.includes('--no-native');
const filter = args.find((a) => !a.startsWith('-'));
const WORKLOADS = ['seed-scope', 'photos-100', 'transform-1mb'].filter((w) => !filter || w.includes(filter));

initSync({ module: readFileSync(join(root, 'web/pkg/mockgate_wasm_bg.wasm')) });

const sink = { n: 0 };
/** Median evaluations per second over batches, after a warm-up. */
function measure(f) {
  const budget = secs * 1000;
  let perBatch = 0;
  const warm = performance.now();
  while (performance.now() - warm < budget / 10 || perBatch === 0) { sink.n += f(); perBatch++; }
  const rates = [];
  const start = performance.now();
  while (performance.now() - start < budget || rates.length < 3) {
    const t = performance.now();
    for (let i = 0; i < perBatch; i++) sink.n += f();
    rates.push(perBatch / ((performance.now() - t) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[rates.length >> 1];
}

// ---------------------------------------------------------------- velocityjs

/** Enough JSONPath for the workloads: `$`, `.name`, `[n]`. */
function jsonPath(value, path) {
  const steps = path.replace(/^\$/, '').match(/\.[^.[]+|\[\d+\]/g) ?? [];
  for (const s of steps) {
    if (value == null) return undefined;
    value = s.startsWith('[') ? value[Number(s.slice(1, -1))] : value[s.slice(1)];
  }
  return value;
}

/** $input and $util as a velocityjs user would write them. */
function velocityContext(body, params) {
  let parsed;
  const payload = () => (parsed ??= JSON.parse(body || '{}'));
  return {
    input: {
      body,
      path: (p) => jsonPath(payload(), p) ?? null,
      json: (p) => JSON.stringify(jsonPath(payload(), p) ?? ''),
      params: (name) => params.path?.[name] ?? params.querystring?.[name] ?? params.header?.[name] ?? '',
    },
    util: {
      escapeJavaScript: (s) => JSON.stringify(String(s)).slice(1, -1).replace(/'/g, "\\'"),
    },
  };
}

// ---------------------------------------------------------------- run

const rows = [];
const add = (engine, workload, mode, rate) => rows.push({ engine, workload, mode, rate });

function scaleItems(body, factor) {
  const full = JSON.parse(body);
  const n = Math.round(full.items.length * factor);
  const items = Array.from({ length: n }, (_, i) => full.items[i % full.items.length]);
  return JSON.stringify({ ...full, items, meta: { ...full.meta, count: n } });
}

for (const name of WORKLOADS) {
  const t = JSON.parse(readFileSync(join(dir, `${name}.template.json`), 'utf8'));
  const body = typeof t.body === 'string' ? t.body : JSON.stringify(t.body ?? '');
  const { template, params } = t;
  const e = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));

  // The outputs must agree in size (whitespace aside) or the comparison is not like with like.
  const mine = new PreparedTemplate(template).render(body, params);
  const theirs = velocity.render(template, velocityContext(body, params));
  const squash = (s) => s.replace(/\s+/g, '').length;
  if (Math.abs(squash(mine) - squash(theirs)) > squash(mine) * 0.02) {
    console.error(`warning: ${name}: mockgate prints ${squash(mine)} non-space chars, velocityjs ${squash(theirs)}`);
  }

  add('mockgate wasm', name, 'parse+render', measure(() => renderMapping(template, body, params).length));
  const prepared = new PreparedTemplate(template);
  add('mockgate wasm', name, 'render', measure(() => prepared.render(body, params).length));
  add('mockgate wasm', name, 'evaluate', measure(() => evaluate(e.integration, e.request).body.length));
  prepared.free();

  add('velocityjs', name, 'parse+render', measure(() => velocity.render(template, velocityContext(body, params)).length));
  const compiled = new velocity.Compile(velocity.parse(template));
  add('velocityjs', name, 'render', measure(() => compiled.render(velocityContext(body, params)).length));

  if (name === 'transform-1mb') {
    const p = new PreparedTemplate(template);
    // Two bodies in turn: nothing parsed is reused (a new body every time).
    const full = JSON.parse(body);
    const bodies = [body, JSON.stringify({ ...full, meta: { ...full.meta, count: full.meta.count + 1 } })];
    let turn = 0;
    add('mockgate wasm', name, 'render, new body', measure(() => p.render(bodies[++turn % 2], params).length));
    add('velocityjs', name, 'render, new body', measure(() => compiled.render(velocityContext(bodies[++turn % 2], params)).length));
    for (const [label, factor] of [['0.1MB', 0.1], ['1MB', 1], ['10MB', 10]]) {
      const scaled = scaleItems(body, factor);
      add('mockgate wasm', 'transform-scale', `render ${label}`, measure(() => p.render(scaled, params).length));
      add('velocityjs', 'transform-scale', `render ${label}`, measure(() => compiled.render(velocityContext(scaled, params)).length));
    }
    p.free();
  }
}

if (native) {
  const run = spawnSync('cargo', ['bench', '-q', '-p', 'mockgate-gateway', '--bench', 'render', '--', ...(filter ? [filter] : [])], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, MOCKGATE_BENCH_DIR: dir },
  });
  if (run.status !== 0) { console.error('cargo bench failed'); process.exit(1); }
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const r = JSON.parse(line);
    add('mockgate native', r.workload, r.mode, r.evals_per_sec);
  }
}

const python = join(root, 'bench/.venv/bin/python');
const squashed = new Map(); // workload -> what mockgate prints, white space aside
for (const name of WORKLOADS) {
  const t = JSON.parse(readFileSync(join(dir, `${name}.template.json`), 'utf8'));
  const body = typeof t.body === 'string' ? t.body : JSON.stringify(t.body ?? '');
  squashed.set(name, new PreparedTemplate(t.template).render(body, t.params).replace(/\s+/g, '').length);
}
if (existsSync(python)) {
  const run = spawnSync(python, [join(root, 'bench/peer_airspeed.py'), ...(filter ? [filter] : [])], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, MOCKGATE_BENCH_DIR: dir },
  });
  if (run.status !== 0) console.error('warning: bench/peer_airspeed.py failed; airspeed-ext is left out');
  for (const line of (run.stdout ?? '').split('\n')) {
    if (!line.startsWith('{')) continue;
    const r = JSON.parse(line);
    const mine = squashed.get(r.workload);
    if (r.mode === 'render' && Math.abs(mine - r.chars) > mine * 0.02) {
      console.error(`warning: ${r.workload}: mockgate prints ${mine} non-space chars, airspeed-ext ${r.chars}`);
    }
    add('airspeed-ext', r.workload, r.mode, r.evals_per_sec);
  }
} else {
  console.error('note: airspeed-ext not measured (bench/.venv missing: `make bench` makes it)');
}

// ---------------------------------------------------------------- report

const rate = (engine, w, m) => rows.find((r) => r.engine === engine && r.workload === w && r.mode === m)?.rate;
const fmt = (n) => (n === undefined ? '-' : n >= 100 ? Math.round(n).toLocaleString('en') : n.toPrecision(3));
const per = (n) => (n === undefined ? '-' : n >= 1000 ? `${(1e6 / n).toFixed(1)} µs` : `${(1000 / n).toFixed(2)} ms`);
const ratio = (a, b) => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(1)}x`);

const cases = [...new Map(rows.map((r) => [`${r.workload}\0${r.mode}`, [r.workload, r.mode]])).values()];
const header = ['workload', 'mode', 'native /s', 'wasm /s', 'velocityjs /s', 'airspeed /s', 'wasm time', 'wasm÷velocityjs', 'wasm÷airspeed', 'native÷wasm'];
const table = cases.map(([w, m]) => {
  const n = rate('mockgate native', w, m), wa = rate('mockgate wasm', w, m), v = rate('velocityjs', w, m);
  const a = rate('airspeed-ext', w, m);
  return [w, m, fmt(n), fmt(wa), fmt(v), fmt(a), per(wa), ratio(wa, v), ratio(wa, a), ratio(n, wa)];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`\nmake bench: evaluations per second (median of batches, ${secs}s each), Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of table) console.log(line(r));
