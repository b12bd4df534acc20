import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indonesiaMetadata, PHONE_METADATA_FILE } from '../../../scripts/phone-metadata';

describe('Indonesia phone metadata', () => {
  it('the committed file is what the installed libphonenumber-js gives (else run: npx tsx scripts/phone-metadata.ts)', () => {
    expect(JSON.parse(readFileSync(PHONE_METADATA_FILE, 'utf8'))).toEqual(indonesiaMetadata());
  });
});
