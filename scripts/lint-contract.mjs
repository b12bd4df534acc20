#!/usr/bin/env node
/**
 * Lints the backend contract, resources/openapi.yaml (docs/backend.md,
 * "Linting the contract"), with both linters side by side:
 *
 *   Redocly CLI   its `recommended` ruleset (redocly.yaml); fails on an error
 *   Spectral      the OWASP API Security Top 10 2023 ruleset (.spectral.yaml);
 *                 fails on an error or a warning
 *
 *   node scripts/lint-contract.mjs     (part of `npm run lint`)
 *
 * Offline and quiet: Redocly's telemetry is off (redocly.yaml and
 * REDOCLY_TELEMETRY) and so is its version check (REDOCLY_SUPPRESS_UPDATE_NOTICE,
 * which it otherwise makes from a terminal); Spectral reads its ruleset from
 * node_modules. Both run from the repo root (the overrides in .spectral.yaml
 * name the file relative to it) and at the same time; each one's output is
 * printed whole when it ends. Exits 1 when either finds a problem it fails on.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = 'resources/openapi.yaml';
/** Either linter takes about 2 s here; one that hangs is stopped. */
const TIMEOUT_MS = 120_000;

/**
 * The JS file of a package's bin, from the URL of its package.json, run with
 * this very Node (no shell, no PATH lookup, any OS). Callers resolve with
 * literal names, so that knip sees the dependencies.
 */
function binOf(manifestUrl, name) {
  const manifestPath = fileURLToPath(manifestUrl);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const file = typeof bin === 'string' ? bin : bin?.[name];
  if (typeof file !== 'string') throw new Error(`${manifestPath} has no "${name}" bin`);
  return join(dirname(manifestPath), file);
}

// .spectral.yaml extends this package; Spectral would otherwise say only that it "could not be resolved".
import.meta.resolve('@stoplight/spectral-owasp-ruleset');

const ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
};

/**
 * Redocly 2 prints a boxed "Node.js 20 support is ending" notice on every run
 * under Node 20 (which this project supports, engines >=20.19); it says
 * nothing about the contract, so it is left out.
 */
function withoutNodeNotice(text) {
  return text.replace(/^[^\S\n]*╔[^]*?Node\.js 20 support is ending[^]*?╚[^\n]*\n?/m, '').replace(/^\n+/, '');
}

function run(label, bin, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => {
      out += `\n${label}: no answer within ${TIMEOUT_MS / 1000} s, stopped\n`;
      child.kill();
    }, TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ label, code: 1, out: `${out}\n${label}: ${err.message}\n` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ label, code: code ?? (signal ? 1 : 0), out: withoutNodeNotice(out) });
    });
  });
}

const results = await Promise.all([
  run('redocly', binOf(import.meta.resolve('@redocly/cli/package.json'), 'redocly'), ['lint', '--config', 'redocly.yaml', '--format', 'stylish']),
  run('spectral', binOf(import.meta.resolve('@stoplight/spectral-cli/package.json'), 'spectral'), [
    'lint',
    CONTRACT,
    '--ruleset',
    '.spectral.yaml',
    '--fail-severity',
    'warn',
  ]),
]);

let failed = false;
for (const { label, code, out } of results) {
  console.log(`── ${label} (${CONTRACT}) ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
  process.stdout.write(out.endsWith('\n') || out === '' ? out : `${out}\n`);
  if (code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
