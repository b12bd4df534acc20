/**
 * Figure 1: the initial renderer download (JS + CSS of the first screen,
 * minified, gzip), against a bare Vue + Pinia page built by the same Vite
 * config, and whether the steps that are not on the first screen load lazily.
 *
 * - The subject is the production renderer built by `electron-vite build`
 *   (the bench's own build folder, or out/ with --no-build): the entry script, its modulepreloads and stylesheets named in
 *   index.html, plus any chunk Chromium actually fetched before the first
 *   screen settled (from the load bench), each gzipped at level 9 (what
 *   Vite reports).
 * - The floor is built here with Vite's API from electron-vite's own resolved
 *   renderer config (same plugins, defines, target, minify), only root,
 *   input and outDir changed.
 * - A second, instrumented build of the real renderer (same config, into a
 *   temp folder) maps every source module to its chunk, so the table can say
 *   which modules make the initial download heavy and whether any step other
 *   than the first screen is in it.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { resolveConfig } from 'electron-vite';
import { build, mergeConfig, minifySync, type InlineConfig, type Plugin } from 'vite';
import type { Row } from './lib/report';
import { round } from './lib/stats';

const KB = 1024;
/** Issue #14: the first screen's download at most twice the bare page's. */
const TARGET_RATIO = 2;

/**
 * The first screen may be in the initial download; every other step must
 * load lazily. Which screen comes first depends on the mode: the officer's
 * sign-in (assisted), the attract screen (self-service), then "Masuk".
 */
const FIRST_SCREEN_STEPS = new Set(['SignInStep.vue', 'OperatorSignInStep.vue', 'AttractStep.vue']);

/**
 * The floor: a bare Vue + Pinia page with the same "Masuk" form (the load
 * bench waits for the same elements). Plain JavaScript, so that the
 * project's typecheck never trips over the temporary copy.
 */
const BARE_FILES: Record<string, string> = {
  'index.html': `<!doctype html>
<html lang="id">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Bare Vue + Pinia floor</title>
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="/src/main.js"></script>
  </body>
</html>
`,
  'src/main.js': `import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).use(createPinia()).mount('#app');
`,
  'src/form.js': `import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useFormStore = defineStore('form', () => {
  const identifier = ref('');
  const password = ref('');
  return { identifier, password };
});
`,
  'src/App.vue': `<script setup>
import { useFormStore } from './form';

const form = useFormStore();
</script>

<template>
  <main>
    <h1>Masuk</h1>
    <form novalidate @submit.prevent>
      <label for="identifier">Email atau nomor handphone</label>
      <input id="identifier" v-model="form.identifier" autocomplete="username" />
      <label for="password">Password</label>
      <input id="password" v-model="form.password" type="password" autocomplete="current-password" />
      <button type="submit">Masuk</button>
    </form>
  </main>
</template>
`,
};

export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface ModuleShare {
  module: string;
  /** Rendered (tree-shaken, not yet minified) bytes in the initial chunks. */
  renderedBytes: number;
  /** The same code minified and gzipped on its own: an estimate of its share of the download. */
  estimatedGzipBytes: number;
}

export interface BundleAnalysis {
  /** Chunks of the entry and its static imports (what index.html loads). */
  initialChunks: string[];
  /** Step components (src-renderer/src/steps/*.vue) found in initial chunks. */
  stepsInInitial: string[];
  /** Step components in lazily loaded chunks. */
  stepsLazy: string[];
  /** The heaviest contributors to the initial chunks, grouped by package or source folder (rendered, pre-minify bytes). */
  heaviestInitial: ModuleShare[];
  /** Whether the analysis build produced the same file names (content hashes) as the measured build. */
  matchesOutRenderer: boolean;
  /**
   * Each first screen that loads lazily (a mode's own: the officer's sign-in,
   * the attract screen): the chunks and stylesheets it fetches beyond the
   * static set. A screen that is always shown first is downloaded before it
   * settles, lazy or not: the row counts what the load bench saw fetched, and
   * without it these say what a kiosk in each mode would add.
   */
  lazyFirstScreens: { step: string; files: string[] }[];
}

export interface BundleBench {
  /** Where the bare floor page was built (the load bench serves it). */
  bareDist: string;
  subject: { staticAssets: AssetSize[]; allAssets: AssetSize[] };
  floorAssets: AssetSize[];
  analysis: BundleAnalysis;
  /** Builds the rows once the load bench says what Chromium fetched for the first screen. */
  rows(firstScreenFetched?: string[]): { rows: Row[]; details: Record<string, unknown> };
  cleanup(): Promise<void>;
}

async function rendererConfig(): Promise<InlineConfig> {
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  const resolved = await resolveConfig({ logLevel: 'silent' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
  return renderer as InlineConfig;
}

/** The JS and CSS that index.html loads before anything runs: entry script, modulepreloads, stylesheets. */
export function initialAssetsOf(html: string): string[] {
  const files = new Set<string>();
  for (const match of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const tag = match[0];
    const src = /\s(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!src || /^(https?:)?\/\//.test(src)) continue;
    const isScript = match[1] === 'script' && /type="module"/.test(tag);
    const isPreload = /rel="modulepreload"/.test(tag);
    const isStyle = /rel="stylesheet"/.test(tag);
    if (isScript || isPreload || isStyle) files.add(src.replace(/^\.?\//, ''));
  }
  return [...files];
}

async function sizeOf(dir: string, file: string): Promise<AssetSize> {
  const bytes = await readFile(join(dir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function listAssets(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, 'assets'));
  return entries.filter((f) => f.endsWith('.js') || f.endsWith('.css')).map((f) => `assets/${f}`);
}

function groupOf(id: string, root: string): string {
  const clean = id.replace(/\?.*$/, '').replace(/^\0/, '');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = clean.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? clean);
  }
  const rel = relative(root, clean);
  return rel.startsWith('..') ? clean : rel;
}

/** Whitespace-minified (oxc, no dead-code removal: a fragment exports nothing) then gzipped; raw gzip if it does not parse alone. */
function estimateGzip(code: string): number {
  try {
    const out = minifySync('fragment.js', code, { module: true, compress: false, mangle: false });
    if (out.errors.length === 0) return gzipSync(out.code, { level: 9 }).length;
  } catch {
    // fall through
  }
  return gzipSync(code, { level: 9 }).length;
}

/** Builds the real renderer once more, with a plugin that records which module went into which chunk. */
async function analyseRenderer(base: InlineConfig, projectRoot: string, rendererDir: string): Promise<BundleAnalysis> {
  const outDir = await mkdtemp(join(tmpdir(), 'pulih-bench-analysis-'));
  type ChunkInfo = {
    fileName: string;
    isEntry: boolean;
    imports: string[];
    css: string[];
    modules: Record<string, { length: number; code: string }>;
  };
  const chunks: ChunkInfo[] = [];
  const recorder: Plugin = {
    name: 'pulih-bench-chunk-recorder',
    generateBundle(_options, bundle) {
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        const modules: ChunkInfo['modules'] = {};
        for (const [id, info] of Object.entries(item.modules)) modules[id] = { length: info.renderedLength, code: info.code ?? '' };
        const css = [...((item as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata?.importedCss ?? [])];
        chunks.push({ fileName: item.fileName, isEntry: item.isEntry, imports: [...item.imports], css, modules });
      }
    },
  };
  try {
    await build(
      mergeConfig(base, {
        logLevel: 'silent',
        plugins: [recorder],
        build: { outDir, emptyOutDir: true, reportCompressedSize: false },
      }),
    );
    const byName = new Map(chunks.map((c) => [c.fileName, c]));
    const initial = new Set<string>();
    const visit = (name: string) => {
      if (initial.has(name)) return;
      initial.add(name);
      for (const dep of byName.get(name)?.imports ?? []) visit(dep);
    };
    for (const c of chunks) if (c.isEntry) visit(c.fileName);

    const stepsInInitial: string[] = [];
    const stepsLazy: string[] = [];
    const groups = new Map<string, { length: number; code: string[] }>();
    for (const c of chunks) {
      for (const [id, { length, code }] of Object.entries(c.modules)) {
        const step = /\/src-renderer\/src\/steps\/([^/?]+\.vue)(\?|$)/.exec(id)?.[1];
        if (step && !id.includes('?')) (initial.has(c.fileName) ? stepsInInitial : stepsLazy).push(step);
        if (initial.has(c.fileName)) {
          const group = groupOf(id, projectRoot);
          const entry = groups.get(group) ?? { length: 0, code: [] };
          entry.length += length;
          entry.code.push(code);
          groups.set(group, entry);
        }
      }
    }
    const heaviestInitial = [...groups.entries()]
      .map(([module, { length, code }]) => ({ module, renderedBytes: length, estimatedGzipBytes: estimateGzip(code.join('\n')) }))
      .sort((a, b) => b.estimatedGzipBytes - a.estimatedGzipBytes)
      .slice(0, 12);
    const lazyFirstScreens: BundleAnalysis['lazyFirstScreens'] = [];
    for (const step of FIRST_SCREEN_STEPS) {
      const home = chunks.find((c) => !initial.has(c.fileName) && Object.keys(c.modules).some((id) => id.endsWith(`/src-renderer/src/steps/${step}`)));
      if (!home) continue;
      const files = new Set<string>();
      const add = (name: string) => {
        if (initial.has(name) || files.has(name)) return;
        files.add(name);
        for (const css of byName.get(name)?.css ?? []) files.add(css);
        for (const dep of byName.get(name)?.imports ?? []) add(dep);
      };
      add(home.fileName);
      lazyFirstScreens.push({ step, files: [...files].sort() });
    }
    const ours = new Set(await listAssets(outDir));
    const theirs = new Set(await listAssets(rendererDir));
    const matchesOutRenderer = ours.size === theirs.size && [...ours].every((f) => theirs.has(f));
    return {
      initialChunks: [...initial].sort(),
      stepsInInitial: [...new Set(stepsInInitial)].sort(),
      stepsLazy: [...new Set(stepsLazy)].sort(),
      heaviestInitial,
      matchesOutRenderer,
      lazyFirstScreens,
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

async function buildBare(base: InlineConfig, projectRoot: string): Promise<{ dist: string; src: string }> {
  // Under the project (git-ignored bench/results/) so that 'vue' and 'pinia' resolve from its node_modules.
  const src = resolve(projectRoot, 'bench/results', `.bare-src-${process.pid}`);
  const dist = await mkdtemp(join(tmpdir(), 'pulih-bench-bare-'));
  for (const [file, text] of Object.entries(BARE_FILES)) {
    await mkdir(join(src, file, '..'), { recursive: true });
    await writeFile(join(src, file), text);
  }
  await build(
    mergeConfig(base, {
      root: src,
      logLevel: 'silent',
      build: { outDir: dist, emptyOutDir: true, rollupOptions: { input: join(src, 'index.html') }, rolldownOptions: { input: join(src, 'index.html') } },
    }),
  );
  return { dist, src };
}

/** `buildDir` is the electron-vite output folder the other benches run (its renderer/ is measured). */
export async function benchBundle(projectRoot: string, buildDir: string): Promise<BundleBench> {
  const base = await rendererConfig();
  const outRenderer = join(buildDir, 'renderer');
  const html = await readFile(join(outRenderer, 'index.html'), 'utf8');
  const staticFiles = initialAssetsOf(html);
  const staticAssets = await Promise.all(staticFiles.map((f) => sizeOf(outRenderer, f)));
  const allAssets = await Promise.all((await listAssets(outRenderer)).map((f) => sizeOf(outRenderer, f)));

  const bare = await buildBare(base, projectRoot);
  const bareHtml = await readFile(join(bare.dist, 'index.html'), 'utf8');
  const floorAssets = await Promise.all(initialAssetsOf(bareHtml).map((f) => sizeOf(bare.dist, f)));
  const analysis = await analyseRenderer(base, projectRoot, outRenderer);

  const sum = (assets: readonly AssetSize[], key: 'bytes' | 'gzip') => assets.reduce((s, a) => s + a[key], 0);

  return {
    bareDist: bare.dist,
    subject: { staticAssets, allAssets },
    floorAssets,
    analysis,
    rows(firstScreenFetched) {
      // What the first screen really downloaded: the static set plus any chunk fetched before it settled.
      const fetched = new Set(staticFiles);
      for (const url of firstScreenFetched ?? []) {
        const file = /\/(assets\/[^?#]+\.(?:js|css))/.exec(url)?.[1];
        if (file) fetched.add(file);
      }
      const firstScreen = allAssets.filter((a) => fetched.has(a.file));
      const lateFetched = firstScreen.filter((a) => !staticFiles.includes(a.file));
      const subjectKb = sum(firstScreen, 'gzip') / KB;
      const floorKb = sum(floorAssets, 'gzip') / KB;
      const ratio = subjectKb / floorKb;
      const lazyOk = analysis.stepsInInitial.every((s) => FIRST_SCREEN_STEPS.has(s));
      const notes = [
        `static set (entry + modulepreload + CSS) ${round(sum(staticAssets, 'gzip') / KB)} KB gz`,
        lateFetched.length > 0
          ? `plus lazily fetched on the first screen: ${lateFetched.map((a) => `${a.file} ${round(a.gzip / KB)} KB`).join(', ')}`
          : firstScreenFetched
            ? 'nothing else fetched on the first screen'
            : 'first-screen fetches not observed (load bench did not run)',
        ...analysis.lazyFirstScreens.map(
          ({ step, files }) =>
            `a kiosk that opens on ${step} adds ${round(sum(allAssets.filter((a) => files.includes(a.file)), 'gzip') / KB)} KB gz to the static set` +
            (files.some((f) => fetched.has(f)) ? ' (fetched here)' : ''),
        ),
        `steps in the initial download: ${analysis.stepsInInitial.join(', ') || 'none'}`,
        `lazy: ${analysis.stepsLazy.join(', ') || 'none'}`,
        analysis.matchesOutRenderer ? '' : 'the analysis build differs from the measured build (sources changed in between?)',
      ].filter(Boolean);
      const rows: Row[] = [
        {
          id: 'bundle.initial',
          figure: 'initial renderer download (JS+CSS, min, gzip)',
          value: round(subjectKb),
          unit: 'KB',
          floorLabel: 'bare Vue+Pinia page, same Vite config',
          floor: round(floorKb),
          ratio: round(ratio),
          target: `≤ ${TARGET_RATIO}× floor; later steps lazy`,
          pass: ratio <= TARGET_RATIO && lazyOk,
          samples: 1,
          note: notes.join('; '),
        },
      ];
      return {
        rows,
        details: {
          gzipLevel: 9,
          firstScreen,
          staticAssets,
          floorAssets,
          allAssets,
          analysis,
          lazyStepsOk: lazyOk,
        },
      };
    },
    async cleanup() {
      await rm(bare.dist, { recursive: true, force: true });
      await rm(bare.src, { recursive: true, force: true });
    },
  };
}
