#!/usr/bin/env node
// Runs before `electron-vite build/preview/dev`: electron-vite cannot start
// without Electron's binary, which Electron only downloads on demand. Fails
// fast with one message instead of electron-vite's "Error: Electron uninstall".
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { checkElectron } from './ensureElectron.lib.mjs';

// Resolved from this file, not the cwd, so it works from any folder.
const require = createRequire(import.meta.url);

let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  console.error('The electron package is not installed: run `npm ci` first.');
  process.exit(1);
}

checkElectron({ env: process.env, nodeVersion: process.versions.node, electronDir }).then(
  ({ ok, message }) => {
    if (message) (ok ? console.log : console.error)(message);
    process.exitCode = ok ? 0 : 1;
  },
  (error) => {
    console.error(`Could not check Electron's installation: ${error.message}`);
    process.exitCode = 1;
  },
);
