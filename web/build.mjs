// Builds the playground into web/dist/, the only directory that is served.
//
//   web/dist/index.html            copied from web/index.html
//   web/dist/main.js (+ main.css)  web/src/main.js bundled; CSS it imports
//                                  lands in main.css
//   web/dist/worker.js             web/src/engine/worker.js bundled
//   web/dist/embed/mockgate-playground.js  the docs embed (web/src/embed/),
//                                  one module defining <mockgate-playground>
//   web/dist/embed/shapes-*.js     a chunk of it: OpenAPI/CloudFormation integrations
//   web/dist/embed/frame.js        web/embed.html's script: puts one element (from
//                                  mockgate-playground.js) in the frame
//   web/dist/embed.html, learn.html  copied from web/ (pages built from embeds)
//   web/dist/learn.css             web/src/learn/learn.css copied
//   web/dist/mockgate_wasm_bg.wasm the module (built by `make wasm`)
//   web/dist/styles/**             web/src/styles/ copied, for <link> tags
//   web/dist/**                    web/public/ copied as is (icons, ...)
//   web/dist/sw.js                 web/src/sw.js (the offline service worker)
//                                  after a line naming every other file of
//                                  web/dist and a version hashed from them
//
// No inline scripts anywhere, so a strict Content-Security-Policy can be
// added later.
//
// Usage: node web/build.mjs [--dev] [--sizes]
//   --dev    no minification, sourcemaps
//   --sizes  print what each source file adds to the embed's files (bytes
//            minified, before gzip), largest first: where to look when the
//            embed's budget (tests/browser/embed.test.mjs) gets tight

import { build, transform } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const dist = join(web, 'dist');
const dev = process.argv.includes('--dev');
const sizes = process.argv.includes('--sizes');

const page = { html: join(web, 'index.html'), entry: join(web, 'src/main.js') };

const wasm = join(web, 'pkg/mockgate_wasm_bg.wasm');
if (!existsSync(wasm)) {
  console.error(`build: ${wasm} is missing; run \`make wasm\` first`);
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  outdir: dist,
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: !dev,
  sourcemap: dev ? 'linked' : false,
  legalComments: 'none',
  logLevel: 'warning',
  // `new URL('x.wasm', import.meta.url)` stays as written; the module is
  // copied next to worker.js below.
  loader: { '.wasm': 'file', '.svg': 'file', '.woff2': 'file' },
};

await build({
  ...common,
  entryPoints: {
    main: page.entry,
    worker: join(web, 'src/engine/worker.js'),
  },
});

// The embed's stylesheet is a string in web/src/embed/styles.js (a module
// of data, no DOM), and esbuild minifies code, not CSS inside strings: the
// module is replaced by its string, minified as CSS.
const embedCss = {
  name: 'embed-css',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]embed[\\/]styles\.js$/ }, async ({ path }) => {
      const { CSS } = await import(pathToFileURL(path).href);
      const { code } = await transform(CSS, { loader: 'css', minify: true, logLevel: 'warning' });
      return { contents: `export const CSS = ${JSON.stringify(code)};`, loader: 'js' };
    });
  },
};

// The embed on its own, split: what only some examples need (the reader of
// OpenAPI and CloudFormation integrations) is a chunk fetched on demand,
// next to the module (embed/shapes-<hash>.js).
const embed = await build({
  ...common,
  entryPoints: {
    'embed/mockgate-playground': join(web, 'src/embed/mockgate-playground.js'),
    'embed/frame': join(web, 'src/embed/frame.js'),
  },
  splitting: true,
  chunkNames: 'embed/[name]-[hash]',
  plugins: dev ? [] : [embedCss],
  metafile: sizes,
});
if (sizes) {
  for (const [file, output] of Object.entries(embed.metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    console.log(`${relative(web, file)}: ${output.bytes} bytes`);
    const inputs = Object.entries(output.inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);
    for (const [input, { bytesInOutput }] of inputs) if (bytesInOutput) console.log(`  ${String(bytesInOutput).padStart(7)}  ${input}`);
  }
}

cpSync(page.html, join(dist, 'index.html'));
for (const extra of ['embed.html', 'learn.html']) {
  if (existsSync(join(web, extra))) cpSync(join(web, extra), join(dist, extra));
}
if (existsSync(join(web, 'src/learn/learn.css'))) cpSync(join(web, 'src/learn/learn.css'), join(dist, 'learn.css'));
cpSync(wasm, join(dist, 'mockgate_wasm_bg.wasm'));
if (existsSync(join(web, 'src/styles'))) {
  cpSync(join(web, 'src/styles'), join(dist, 'styles'), { recursive: true });
}
if (existsSync(join(web, 'public'))) {
  cpSync(join(web, 'public'), dist, { recursive: true });
}

// The service worker precaches every file built above (source maps and
// make's stamp aside), under a cache named after their hash.
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => relative(dist, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
  .filter((f) => !f.endsWith('.map') && !f.startsWith('.'))
  .sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(readFileSync(join(dist, f)));
const precache = { version: hash.digest('hex').slice(0, 16), files: ['./', ...files] };
writeFileSync(join(dist, 'sw.js'),
  `self.MOCKGATE_PRECACHE = ${JSON.stringify(precache)};\n${readFileSync(join(web, 'src/sw.js'), 'utf8')}`);

console.log('build: web/dist/ from web/index.html, web/src/main.js, web/src/engine/worker.js');
