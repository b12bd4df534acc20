import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Doyensec's Electronegativity over the Electron shell's sources, offline.
 * Every finding must be explained in the reviewed allow-list
 * (resources/electronegativity-allowlist.json, one reason per entry); a new
 * finding, an unparsable file or a stale allow-list entry fails `npm test`.
 */

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description?: string;
}
interface ScanResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
interface ScanOptions {
  input: string;
  isRelative: boolean;
  electronVersionOverride: string;
  excludeFromScan: string[];
}
interface AllowEntry {
  id: string;
  file: string;
  reason: string;
}

const ROOT = resolve(import.meta.dirname, '../../../..');
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));

/** What we scan: the Electron main and preload code and the renderer's HTML entry. */
const SCANNED = ['src-main/shell', 'src-main/core', 'src-preload', 'src-renderer/index.html'];

/**
 * The one check that needs the network (it downloads Electron's release list
 * to tell whether the version in use has known fixes). Machines here have no
 * network; `npm outdated electron` and Dependabot cover that question.
 */
const ONLINE_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/**
 * Electronegativity's i18n module fetches translations over the network
 * before each run. Replace it, in the CommonJS cache, by the same setup with
 * the locales the package ships, so the scan is offline and deterministic.
 */
function useOfflineLocales(): void {
  const i18nModule = join(packageDir, 'dist/locales/i18n.js');
  const i18n = require(require.resolve('i18n', { paths: [packageDir] })) as {
    configure(options: Record<string, unknown>): void;
    setLocale(locale: string): void;
  };
  const offline = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(i18nModule),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[i18nModule] = { id: i18nModule, filename: i18nModule, loaded: true, exports: offline } as unknown as NodeJS.Module;
}

let scanDir: string;
let result: ScanResult;
let allowList: AllowEntry[];

beforeAll(async () => {
  scanDir = await mkdtemp(join(tmpdir(), 'pulih-electronegativity-'));
  for (const path of SCANNED) await cp(join(ROOT, path), join(scanDir, path), { recursive: true });
  useOfflineLocales();
  const run = require(packageDir) as (options: ScanOptions) => Promise<ScanResult>;
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  result = await run({ input: scanDir, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: ONLINE_CHECKS });
  allowList = JSON.parse(await readFile(join(ROOT, 'resources/electronegativity-allowlist.json'), 'utf8')) as AllowEntry[];
}, 60_000);

afterAll(async () => {
  if (scanDir) await rm(scanDir, { recursive: true, force: true });
});

const allows = (entry: AllowEntry, finding: Finding) => entry.id === finding.id && entry.file === finding.file;

describe('electronegativity', () => {
  it('ran its checks over every scanned file, without a parse failure', () => {
    expect(result.errors.filter((e) => !e.tolerable)).toEqual([]);
  });

  it('has no finding that the allow-list does not explain', () => {
    const unexplained = result.issues
      .filter((finding) => !allowList.some((entry) => allows(entry, finding)))
      .map((f) => `${f.id} in ${f.file}:${f.location.line} — ${f.sample ?? f.description ?? ''}`.slice(0, 300));
    expect(unexplained).toEqual([]);
  });

  it('the allow-list gives a real reason for every entry', () => {
    for (const entry of allowList) {
      expect(entry.id).toMatch(/^[A-Z_]+$/);
      expect(entry.reason.length, `${entry.id}: reason`).toBeGreaterThanOrEqual(40);
    }
  });

  it('the allow-list has no stale entry (each one still matches a finding)', () => {
    const stale = allowList.filter((entry) => !result.issues.some((finding) => allows(entry, finding)));
    expect(stale).toEqual([]);
  });
});
