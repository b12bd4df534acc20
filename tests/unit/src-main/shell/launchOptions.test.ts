import { describe, expect, it } from 'vitest';
import { electronLaunchOptions } from '../../../../src-main/shell/launchOptions';

const flags = ['--config', '/media/usb/kiosk.json', '--data-dir', '/tmp/elsewhere', '--test-controls'];

describe("the Electron shell's launch options", () => {
  it('unpackaged (development, tests): honours --config, --data-dir and --test-controls', () => {
    expect(electronLaunchOptions(flags, {}, false)).toEqual({
      configPath: '/media/usb/kiosk.json',
      dataDir: '/tmp/elsewhere',
      testControls: true,
      ignoredFlags: [],
      v8Flags: [],
    });
  });

  it("packaged: a shortcut cannot point the kiosk at another config or folder; the machine's settings stand", () => {
    const env = { PULIH_CONFIG: '/etc/pulih/kiosk.json', PULIH_DATA_DIR: '/var/lib/pulih' };
    expect(electronLaunchOptions(flags, env, true)).toEqual({
      configPath: '/etc/pulih/kiosk.json',
      dataDir: '/var/lib/pulih',
      testControls: false,
      ignoredFlags: ['--config', '--data-dir', '--test-controls'],
      v8Flags: [],
    });
  });

  it('packaged, where device management allows launch flags: paths are honoured, test controls still never', () => {
    expect(electronLaunchOptions(['--config=/srv/k.json', '--test-controls'], { PULIH_ALLOW_LAUNCH_FLAGS: '1' }, true)).toEqual({
      configPath: '/srv/k.json',
      dataDir: undefined,
      testControls: false,
      ignoredFlags: ['--test-controls'],
      v8Flags: [],
    });
  });

  it("ignores Chromium's and Playwright's own switches and empty values", () => {
    const args = ['--inspect=0', '--remote-debugging-port=0', '--config', '', '--no-sandbox'];
    expect(electronLaunchOptions(args, { PULIH_CONFIG: '' }, false)).toEqual({
      configPath: undefined,
      dataDir: undefined,
      testControls: false,
      ignoredFlags: [],
      v8Flags: [],
    });
  });

  it("reads main's V8 flags from --js-flags, packaged or not (Chromium's switch, not ours to ignore)", () => {
    for (const packaged of [false, true]) {
      const options = electronLaunchOptions(['--js-flags=--max-semi-space-size=1  --no-opt', '--no-sandbox'], {}, packaged);
      expect(options.v8Flags).toEqual(['--max-semi-space-size=1', '--no-opt']);
      expect(options.ignoredFlags).toEqual([]);
    }
  });
});
