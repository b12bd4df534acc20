import { describe, expect, it } from 'vitest';
import { ELECTRON_JS_FLAGS_SWITCH, MAIN_V8_FLAGS, missingMainV8Flags, missingV8FlagsWarning } from '../../../../src-main/shell/v8Flags';

describe("main's V8 flags", () => {
  it('caps the young generation (the cause of main RSS growth in the soak, docs/bench.md)', () => {
    expect(MAIN_V8_FLAGS).toContain('--max-semi-space-size=1');
    expect(ELECTRON_JS_FLAGS_SWITCH).toBe('--js-flags=--max-semi-space-size=1');
  });

  it('finds them missing from a bare launch, and present however V8 would read them', () => {
    expect(missingMainV8Flags([])).toEqual([...MAIN_V8_FLAGS]);
    expect(missingMainV8Flags(['--expose-gc'])).toEqual([...MAIN_V8_FLAGS]);
    expect(missingMainV8Flags(['--expose-gc', ...MAIN_V8_FLAGS])).toEqual([]);
    expect(missingMainV8Flags(['--max_semi_space_size=1'])).toEqual([]);
  });

  it('a different value is not the flag', () => {
    expect(missingMainV8Flags(['--max-semi-space-size=16'])).toEqual(['--max-semi-space-size=1']);
  });

  it('warns by flag name, with where to read more', () => {
    const line = missingV8FlagsWarning(['--max-semi-space-size=1'], 'start it with npm run start:browser');
    expect(line).toContain('--max-semi-space-size=1');
    expect(line).toContain('Launch flags');
  });
});
