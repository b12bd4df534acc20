/**
 * Writes src-shared/rules/phoneMetadata.ID.json: libphonenumber-js's mobile
 * metadata for Indonesia (+62) alone, the only country the kiosk accepts
 * numbers from. The renderer bundles src-shared/rules/phone.ts, and the
 * whole-world metadata is most of a first screen's download; the same rules
 * cut down to ID give the same answers for every number (a number of any
 * other country is refused either way). Run after upgrading
 * libphonenumber-js: npx tsx scripts/phone-metadata.ts
 * (tests/unit/scripts/phone-metadata.test.ts fails while the file is stale).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MetadataJson } from 'libphonenumber-js/core';
import mobile from 'libphonenumber-js/metadata.mobile.json';

export const PHONE_METADATA_FILE = resolve(import.meta.dirname, '../src-shared/rules/phoneMetadata.ID.json');

/** The mobile metadata with every country but Indonesia left out. */
export function indonesiaMetadata(): MetadataJson {
  return {
    version: mobile.version,
    country_calling_codes: { '62': ['ID'] },
    countries: { ID: mobile.countries.ID },
    nonGeographic: {},
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(PHONE_METADATA_FILE, `${JSON.stringify(indonesiaMetadata())}\n`);
  console.log(`wrote ${PHONE_METADATA_FILE}`);
}
