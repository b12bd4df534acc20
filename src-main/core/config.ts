import { readFile } from 'node:fs/promises';
import { number, object, string, ValidationError, type InferType } from 'yup';

/**
 * The kiosk's one config file (JSON), pushed by device management.
 * No file means a training kiosk: assisted mode, embedded stub backend.
 */
const configSchema = object({
  kioskId: string()
    .matches(/^[A-Za-z0-9._-]{1,64}$/, 'kioskId must be 1–64 letters, digits, dot, dash or underscore')
    .default('TRAINING-01'),
  mode: string().oneOf(['assisted', 'self-service'] as const, 'mode must be "assisted" or "self-service"').default('assisted'),
  /** "embedded" runs the stub inside the kiosk (training mode); otherwise an http(s) URL. */
  backend: string()
    .test('backend', 'backend must be "embedded" or an http(s) URL', (v) => v === 'embedded' || (!!v && /^https?:\/\/[^\s]+$/.test(v)))
    .default('embedded'),
  language: string().oneOf(['id', 'en'] as const, 'language must be "id" or "en"').default('id'),
  idle: object({
    warnAfterSeconds: number().integer().min(15).max(3600).optional(),
    countdownSeconds: number().integer().min(20, 'idle.countdownSeconds must be at least 20').max(300).default(30),
  })
    .noUnknown(true, 'idle has an unknown field: ${unknown}')
    .default({}),
  limits: object({
    identityVerificationsPerHour: number().integer().min(1).max(1000).default(30),
  })
    .noUnknown(true, 'limits has an unknown field: ${unknown}')
    .default({}),
  backendTimeoutMs: number().integer().min(500).max(60_000).default(8_000),
})
  .noUnknown(true, 'unknown field: ${unknown}');

export type KioskConfig = Omit<InferType<typeof configSchema>, 'idle'> & {
  idle: { warnAfterSeconds: number; countdownSeconds: number };
};

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates a parsed config object; throws ConfigError naming the first bad field. */
export function parseConfig(raw: unknown): KioskConfig {
  try {
    const cfg = configSchema.validateSync(raw ?? {}, { abortEarly: true, stripUnknown: false });
    const defaultWarn = cfg.mode === 'self-service' ? 60 : 180;
    return {
      ...cfg,
      idle: { warnAfterSeconds: cfg.idle.warnAfterSeconds ?? defaultWarn, countdownSeconds: cfg.idle.countdownSeconds },
    };
  } catch (err) {
    if (err instanceof ValidationError) {
      const field = err.path || undefined;
      throw new ConfigError(field ? `${field}: ${err.errors[0]}` : (err.errors[0] ?? 'invalid config'), field);
    }
    throw err;
  }
}

/** Reads the config file at `path`, or the training defaults when `path` is undefined. */
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
  return parseConfig(raw);
}
