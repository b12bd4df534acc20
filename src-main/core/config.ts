import { readFile } from 'node:fs/promises';
import { number, object, string, ValidationError, type InferType } from 'yup';
import { LANGUAGES } from '../../src-shared/contract';
import { DEFAULT_TIME_ZONE, TIME_ZONE_NAMES } from '../../src-shared/kioskTime';

/**
 * The kiosk's one config file (JSON), pushed by device management
 * (docs/kiosk.md, resources/kiosk.example.json). No file means a training
 * kiosk: assisted mode, embedded stub backend. A bad file stops start-up with
 * one message naming the field: never a half-configured kiosk.
 */

/** Shortest idle warning a citizen may get (docs/architecture.md §5: "at least 20 s"). */
export const MIN_COUNTDOWN_SECONDS = 20;

/** Citizen idle before the warning, when the file does not say: shorter where no officer is watching. */
export const DEFAULT_CITIZEN_WARN_SECONDS = { assisted: 180, 'self-service': 60 } as const;
/** An officer who leaves the counter is signed out after this much idle time (plus the countdown). */
export const DEFAULT_OPERATOR_WARN_SECONDS = 900;
/** However busy, an officer is signed out this long after signing in (main enforces it: lifetimes.ts). */
export const DEFAULT_OPERATOR_SHIFT_HOURS = 10;

// No coercion: a JSON "30" where 30 is meant is a mistake to report, not to fix silently.
// (yup's own `strict` would also skip the defaults, so the original value is put back instead.)
const exactNumber = () => number().transform((_value: unknown, original: unknown) => (typeof original === 'number' ? original : Number.NaN));
const exactString = () => string().transform((_value: unknown, original: unknown) => original);

const seconds = (max: number) =>
  exactNumber()
    .typeError('must be a whole number of seconds')
    .integer('must be a whole number of seconds')
    .max(max, 'must be at most ${max}');

const countdownSeconds = seconds(300).min(MIN_COUNTDOWN_SECONDS, 'must be at least ${min}').default(30);

/** Loopback names and addresses: plain http to them never leaves the machine. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function isAllowedBackendUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Unknown fields are refused (a typo must not silently fall back to a default); toConfigError names them. */
const unknownField = 'unknown field';

const configSchema = object({
  kioskId: exactString()
    .typeError('must be a string')
    .matches(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dot, dash or underscore')
    .default('TRAINING-01'),
  mode: exactString()
    .oneOf(['assisted', 'self-service'] as const, 'must be "assisted" or "self-service"')
    .default('assisted'),
  /**
   * "embedded" runs the stub inside the kiosk (training mode); otherwise an https URL, or plain http
   * to this machine only (a training room's `npm run stub`): passwords, mothers' names and codes
   * never cross a network in clear.
   */
  backend: exactString()
    .test('backend', 'must be "embedded", an https URL, or an http URL on this machine (127.0.0.1, [::1], localhost)', (v) =>
      v === 'embedded' || (!!v && isAllowedBackendUrl(v)),
    )
    .default('embedded'),
  /**
   * The file holding this kiosk's key for the backend (`Authorization: Bearer`), pushed by device
   * management: required with a backend URL, unused with the embedded stub (which makes one per
   * launch). Never a key on a command line.
   */
  kioskKeyFile: exactString()
    .typeError('must be a string')
    .min(1, 'must be a file path')
    .optional()
    .when('backend', {
      is: (backend: unknown) => backend !== undefined && backend !== 'embedded',
      then: (schema) => schema.required('is required when the backend is a URL'),
    }),
  language: exactString().oneOf(LANGUAGES, `must be one of ${LANGUAGES.map((l) => `"${l}"`).join(', ')}`).default('id'),
  /** The kiosk's local time, for dates officers read (the audit export): WIB, WITA or WIT. */
  timeZone: exactString()
    .oneOf(TIME_ZONE_NAMES, `must be one of ${TIME_ZONE_NAMES.map((z) => `"${z}"`).join(', ')}`)
    .default(DEFAULT_TIME_ZONE),
  idle: object({
    /** While a citizen is at the kiosk: warn after this much inactivity, then wipe. */
    citizen: object({
      warnAfterSeconds: seconds(3600).min(15, 'must be at least ${min}').optional(),
      countdownSeconds,
    })
      .noUnknown(true, unknownField)
      .default({}),
    /** Assisted mode: the officer's own idle time before being signed out. */
    operator: object({
      warnAfterSeconds: seconds(8 * 3600).min(60, 'must be at least ${min}').default(DEFAULT_OPERATOR_WARN_SECONDS),
      countdownSeconds,
    })
      .noUnknown(true, unknownField)
      .default({}),
  })
    .noUnknown(true, unknownField)
    .default({}),
  /** Assisted mode: the longest an officer stays signed in, busy or not; then main signs them out. */
  operatorShiftHours: exactNumber()
    .typeError('must be a whole number of hours')
    .integer('must be a whole number of hours')
    .min(1, 'must be at least ${min}')
    .max(24, 'must be at most ${max}')
    .default(DEFAULT_OPERATOR_SHIFT_HOURS),
  limits: object({
    identityVerificationsPerHour: exactNumber()
      .typeError('must be a whole number')
      .integer('must be a whole number')
      .min(1, 'must be at least ${min}')
      .max(1000, 'must be at most ${max}')
      .default(30),
  })
    .noUnknown(true, unknownField)
    .default({}),
  backendTimeoutMs: exactNumber()
    .typeError('must be a whole number of milliseconds')
    .integer('must be a whole number of milliseconds')
    .min(500, 'must be at least ${min}')
    .max(60_000, 'must be at most ${max}')
    .default(8_000),
}).noUnknown(true, unknownField);

/** Idle times of one kind of user: warn after `warnAfterSeconds` idle, wipe `countdownSeconds` later. */
export interface IdleTimes {
  warnAfterSeconds: number;
  countdownSeconds: number;
}

type ParsedConfig = InferType<typeof configSchema>;

export type KioskConfig = Omit<ParsedConfig, 'idle'> & {
  idle: { citizen: IdleTimes; operator: IdleTimes };
};

export class ConfigError extends Error {
  constructor(
    message: string,
    /** The offending field as a dotted path (`idle.citizen.countdownSeconds`), when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

function toConfigError(err: ValidationError): ConfigError {
  if (err.type === 'noUnknown') {
    const unknown = String((err.params as { unknown?: unknown } | undefined)?.unknown ?? '').split(',')[0]?.trim() ?? '';
    const field = [err.path, unknown].filter(Boolean).join('.');
    return new ConfigError(`unknown field ${field}`, field || undefined);
  }
  const message = err.errors[0] ?? 'invalid config';
  const field = err.path || undefined;
  return new ConfigError(field ? `${field}: ${message}` : message, field);
}

/** Validates a parsed config object; throws ConfigError naming the first bad field. */
export function parseConfig(raw: unknown): KioskConfig {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ConfigError('the config must be a JSON object');
  }
  let cfg: ParsedConfig;
  try {
    // stripUnknown must be off explicitly: with noUnknown set, yup would otherwise drop unknown fields silently.
    cfg = configSchema.validateSync(raw ?? {}, { abortEarly: true, stripUnknown: false });
  } catch (err) {
    if (err instanceof ValidationError) throw toConfigError(err);
    throw err;
  }
  return {
    ...cfg,
    idle: {
      citizen: {
        warnAfterSeconds: cfg.idle.citizen.warnAfterSeconds ?? DEFAULT_CITIZEN_WARN_SECONDS[cfg.mode],
        countdownSeconds: cfg.idle.citizen.countdownSeconds,
      },
      operator: { ...cfg.idle.operator },
    },
  };
}

/** Reads the config file at `path`, or the training defaults when `path` is undefined or empty. */
export async function loadConfig(path: string | undefined): Promise<KioskConfig> {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`config file ${path} is not valid JSON`);
  }
  try {
    return parseConfig(raw);
  } catch (err) {
    // Name the file too: device management may push several.
    if (err instanceof ConfigError) throw new ConfigError(`${path}: ${err.message}`, err.field);
    throw err;
  }
}
