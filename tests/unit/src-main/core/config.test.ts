import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../../../src-main/core/config';

/** A complete config as device management pushes it. */
const FULL = {
  kioskId: 'KIOSK-JKT-07',
  mode: 'assisted',
  backend: 'https://recovery.example.go.id/api',
  kioskKeyFile: '/etc/pulih/kiosk.key',
  language: 'id',
  timeZone: 'Asia/Makassar',
  idle: {
    citizen: { warnAfterSeconds: 120, countdownSeconds: 30 },
    operator: { warnAfterSeconds: 1200, countdownSeconds: 45 },
  },
  operatorShiftHours: 8,
  limits: { identityVerificationsPerHour: 30 },
  backendTimeoutMs: 8000,
};

function configError(raw: unknown): ConfigError {
  try {
    parseConfig(raw);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('parseConfig accepted the config');
}

describe('parseConfig', () => {
  const TRAINING = {
    kioskId: 'TRAINING-01',
    mode: 'assisted',
    backend: 'embedded',
    language: 'id',
    // WIB, the zone of most kiosks, unless the file says WITA or WIT.
    timeZone: 'Asia/Jakarta',
    idle: { citizen: { warnAfterSeconds: 180, countdownSeconds: 30 }, operator: { warnAfterSeconds: 900, countdownSeconds: 30 } },
    operatorShiftHours: 10,
    limits: { identityVerificationsPerHour: 30 },
    backendTimeoutMs: 8000,
  };

  it.each([
    ['no config at all', undefined],
    ['null', null],
    ['an empty object', {}],
  ])('%s gives the training kiosk: assisted, embedded stub, Bahasa Indonesia, 30 identity checks an hour', (_what, raw) => {
    expect(parseConfig(raw)).toEqual(TRAINING);
  });

  it('fills in whatever a partial config leaves out', () => {
    expect(parseConfig({ mode: 'self-service', idle: { citizen: { countdownSeconds: 45 } } })).toEqual({
      ...TRAINING,
      mode: 'self-service',
      idle: { citizen: { warnAfterSeconds: 60, countdownSeconds: 45 }, operator: { warnAfterSeconds: 900, countdownSeconds: 30 } },
    });
  });

  it('takes a complete config as it is', () => {
    expect(parseConfig(FULL)).toEqual(FULL);
  });

  it('without idle.citizen.warnAfterSeconds, warns after 180 s when assisted and 60 s at a self-service kiosk', () => {
    const idle = { citizen: { countdownSeconds: 30 } };
    expect(parseConfig({ ...FULL, idle }).idle.citizen).toEqual({ warnAfterSeconds: 180, countdownSeconds: 30 });
    expect(parseConfig({ ...FULL, mode: 'self-service', idle }).idle.citizen).toEqual({ warnAfterSeconds: 60, countdownSeconds: 30 });
  });

  it('the officer has an idle time of their own, 15 minutes unless the file says otherwise', () => {
    expect(parseConfig({ idle: { citizen: { warnAfterSeconds: 30 } } }).idle.operator).toEqual({ warnAfterSeconds: 900, countdownSeconds: 30 });
    expect(parseConfig(FULL).idle.operator).toEqual({ warnAfterSeconds: 1200, countdownSeconds: 45 });
  });

  it("an officer's shift lasts 10 hours unless the file says otherwise (1 to 24)", () => {
    expect(parseConfig({}).operatorShiftHours).toBe(10);
    expect(parseConfig(FULL).operatorShiftHours).toBe(8);
    expect(parseConfig({ operatorShiftHours: 24 }).operatorShiftHours).toBe(24);
    expect(configError({ operatorShiftHours: 0 }).message).toBe('operatorShiftHours: must be at least 1');
    expect(configError({ operatorShiftHours: 25 }).message).toBe('operatorShiftHours: must be at most 24');
  });

  it('a backend URL needs the file holding the kiosk key; the embedded stub does not', () => {
    const { kioskKeyFile: _omitted, ...withoutKey } = FULL;
    expect(configError(withoutKey)).toMatchObject({ field: 'kioskKeyFile', message: 'kioskKeyFile: is required when the backend is a URL' });
    expect(parseConfig({ ...withoutKey, backend: 'embedded' }).kioskKeyFile).toBeUndefined();
  });

  it('accepts the shortest countdown allowed, 20 s', () => {
    expect(parseConfig({ ...FULL, idle: { citizen: { countdownSeconds: 20 } } }).idle.citizen.countdownSeconds).toBe(20);
  });

  it('mode "kiosk" stops start-up with a ConfigError naming mode', () => {
    const err = configError({ ...FULL, mode: 'kiosk' });
    expect(err.field).toBe('mode');
    expect(err.message).toMatch(/mode/);
    expect(err.message).toMatch(/assisted/);
  });

  it('an unknown top-level field stops start-up and is named', () => {
    const err = configError({ ...FULL, kioskName: 'Loket 3' });
    expect(err.message).toMatch(/unknown field/);
    expect(err.message).toMatch(/kioskName/);
  });

  it.each([
    ['idle.warnSeconds', { idle: { warnSeconds: 60 } }],
    // The flat shape of earlier drafts is refused rather than half-read.
    ['idle.countdownSeconds', { idle: { countdownSeconds: 30 } }],
    ['idle.citizen.warnSeconds', { idle: { citizen: { warnSeconds: 60 } } }],
    ['idle.operator.timeout', { idle: { operator: { timeout: 60 } } }],
    ['limits.perHour', { limits: { perHour: 5 } }],
  ])('an unknown nested field is named with its full path: %s', (field, patch) => {
    const err = configError({ ...FULL, ...patch });
    expect(err.field).toBe(field);
    expect(err.message).toBe(`unknown field ${field}`);
  });

  it.each(['citizen', 'operator'])('idle.%s.countdownSeconds 10 is rejected: the warning must last at least 20 s', (who) => {
    const err = configError({ ...FULL, idle: { [who]: { countdownSeconds: 10 } } });
    expect(err.field).toBe(`idle.${who}.countdownSeconds`);
    expect(err.message).toBe(`idle.${who}.countdownSeconds: must be at least 20`);
  });

  it.each(['http://recovery.example.go.id/api', 'http://10.0.0.5:4010', 'http://127.0.0.1.example.com', 'http://localhost.example.com:4010'])(
    'refuses a backend over plain http to another machine (%s): passwords and codes would cross the network in clear',
    (backend) => {
      const err = configError({ ...FULL, backend });
      expect(err.field).toBe('backend');
      expect(err.message).toMatch(/^backend: .*https/);
    },
  );

  it.each(['http://127.0.0.1:4010', 'http://127.8.0.1:4010/v1', 'http://[::1]:4010', 'http://localhost:4010', 'https://recovery.example.go.id/api'])(
    'takes https anywhere and plain http on this machine only (%s): a training room stub',
    (backend) => {
      expect(parseConfig({ ...FULL, backend }).backend).toBe(backend);
    },
  );

  it.each([
    ['backend', { backend: 'ftp://recovery.example.go.id' }],
    ['backend', { backend: 'recovery.example.go.id' }],
    ['language', { language: 'fr' }],
    ['timeZone', { timeZone: 'Asia/Singapore' }],
    ['timeZone', { timeZone: 'WIB' }],
    ['kioskId', { kioskId: 'kiosk 7' }],
    ['kioskId', { kioskId: 'K'.repeat(65) }],
    ['kioskId', { kioskId: 7 }],
    ['mode', { mode: null }],
    ['idle.citizen.countdownSeconds', { idle: { citizen: { countdownSeconds: 'thirty' } } }],
    // A JSON string where a number belongs is a mistake, not something to coerce.
    ['idle.citizen.countdownSeconds', { idle: { citizen: { countdownSeconds: '30' } } }],
    ['idle.citizen.countdownSeconds', { idle: { citizen: { countdownSeconds: 20.5 } } }],
    ['idle.citizen.warnAfterSeconds', { idle: { citizen: { warnAfterSeconds: 5, countdownSeconds: 30 } } }],
    ['idle.operator.warnAfterSeconds', { idle: { operator: { warnAfterSeconds: 30 } } }],
    ['limits.identityVerificationsPerHour', { limits: { identityVerificationsPerHour: 0 } }],
    ['backendTimeoutMs', { backendTimeoutMs: 100 }],
    ['backendTimeoutMs', { backendTimeoutMs: '8000' }],
    ['operatorShiftHours', { operatorShiftHours: '10' }],
    ['operatorShiftHours', { operatorShiftHours: 7.5 }],
  ])('a bad %s is named in the ConfigError (%j)', (field, patch) => {
    const err = configError({ ...FULL, ...patch });
    expect(err.field).toBe(field);
    expect(err.message.startsWith(`${field}:`)).toBe(true);
  });

  it.each([
    ['an array', []],
    ['a string', 'assisted'],
  ])('a config that is %s is a ConfigError, not a crash', (_what, raw) => {
    expect(configError(raw)).toBeInstanceOf(ConfigError);
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pulih-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and validates the file device management pushed', async () => {
    const path = join(dir, 'kiosk.json');
    await writeFile(path, JSON.stringify(FULL));
    expect(await loadConfig(path)).toEqual(FULL);
  });

  it('a file that is not JSON is a ConfigError naming the file', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{ "mode": "assisted", ');
    await expect(loadConfig(path)).rejects.toThrow(ConfigError);
    await expect(loadConfig(path)).rejects.toThrow(/broken\.json.*not valid JSON/);
  });

  it('a missing file is a ConfigError, not silently the training defaults', async () => {
    await expect(loadConfig(join(dir, 'absent.json'))).rejects.toThrow(/cannot read config file .*absent\.json: ENOENT/);
  });

  it('a bad field in the file is named, with the file', async () => {
    const path = join(dir, 'bad-mode.json');
    await writeFile(path, JSON.stringify({ ...FULL, mode: 'kiosk' }));
    await expect(loadConfig(path)).rejects.toMatchObject({ name: 'ConfigError', field: 'mode' });
    await expect(loadConfig(path)).rejects.toThrow(/bad-mode\.json: mode: must be "assisted" or "self-service"/);
  });

  it('the documented example file (resources/kiosk.example.json) is a valid config', async () => {
    const example = await loadConfig(join(import.meta.dirname, '../../../../resources/kiosk.example.json'));
    expect(example.mode).toBe('assisted');
    expect(example.idle.citizen.countdownSeconds).toBeGreaterThanOrEqual(20);
  });

  it('no path (or an empty $PULIH_CONFIG) is the training kiosk', async () => {
    expect((await loadConfig(undefined)).backend).toBe('embedded');
    expect((await loadConfig('')).kioskId).toBe('TRAINING-01');
  });
});
