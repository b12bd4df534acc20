import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { load as parse } from 'js-yaml';
import { ELECTRON_JS_FLAGS_SWITCH, MAIN_V8_FLAGS } from '../../../../src-main/shell/v8Flags';

/**
 * electron-builder.yml, checked here because it cannot be built on machines
 * without Electron's binaries: valid by electron-builder's own JSON schema,
 * production fuses set, and every file it names present.
 */
const ROOT = resolve(import.meta.dirname, '../../../..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  electronFuses: Record<string, boolean>;
  extraResources: { from: string; to: string }[];
  win: { target: { target: string }[]; icon: string };
  linux: { target: { target: string }[]; icon: string; executableArgs?: string[] };
};

describe('electron-builder.yml', () => {
  it("is valid by electron-builder's schema (app-builder-lib/scheme.json)", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('flips the production fuses: no run-as-node, NODE_OPTIONS or inspector; only a validated app.asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds a Windows NSIS installer and Linux AppImage and deb packages', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
  });

  it("launches main with its V8 flags from the Linux desktop entry, as npm start and npm run start:browser do", () => {
    expect(config.linux.executableArgs).toEqual([ELECTRON_JS_FLAGS_SWITCH]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain(`electron-vite preview -- ${ELECTRON_JS_FLAGS_SWITCH}`);
    expect(pkg.scripts.dev).toContain(`electron-vite dev -- ${ELECTRON_JS_FLAGS_SWITCH}`);
    expect(pkg.scripts['start:browser']).toContain(`node ${MAIN_V8_FLAGS.join(' ')} out/main/browser.js`);
  });

  it('packs the build the package.json main points into', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(config.files).toContain('out/**');
  });

  it('every file it names exists: extra resources and a 512×512 PNG icon', () => {
    for (const { from } of config.extraResources) expect(existsSync(join(ROOT, from)), from).toBe(true);
    for (const icon of new Set([config.win.icon, config.linux.icon])) {
      const png = readFileSync(join(ROOT, icon));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    }
  });

  it('the out-of-service page is static: no script, styles from its own file (the CSP allows nothing inline)', () => {
    const html = readFileSync(join(ROOT, 'resources/out-of-service.html'), 'utf8');
    expect(html).not.toMatch(/<script|\son\w+=|style=/i);
    expect(html).toContain('href="/out-of-service.css"');
    expect(html).toContain('Kios sedang tidak dapat melayani');
  });
});
