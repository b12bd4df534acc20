#!/usr/bin/env node
/**
 * The backend's TypeScript types, generated from resources/openapi.yaml with
 * openapi-typescript (docs/backend.md, "Changing the contract").
 *
 *   node scripts/contract-types.mjs           writes src-main/backend/contract/openapi.d.ts
 *   node scripts/contract-types.mjs --check   exits 1 when that file is not what the YAML gives
 *
 * `npm run lint` runs the check, so a contract change without regenerated
 * types (or a hand edit of the types) fails CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const SOURCE = new URL('../resources/openapi.yaml', import.meta.url);
const TARGET = fileURLToPath(new URL('../src-main/backend/contract/openapi.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from resources/openapi.yaml by scripts/contract-types.mjs
 * (openapi-typescript). Do not edit: change the YAML, then run
 * \`npm run contract:types\`. \`npm run lint\` fails when this file is stale.
 */

`;

const generated = HEADER + astToString(await openapiTS(SOURCE));

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(TARGET, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== generated) {
    console.error(`${TARGET} is not what resources/openapi.yaml gives: run \`npm run contract:types\` and commit the result.`);
    process.exit(1);
  }
  console.log('contract types: current');
} else {
  writeFileSync(TARGET, generated);
  console.log(`contract types: wrote ${TARGET}`);
}
