/**
 * `npm run stub`: one stub for a training room or a tester.
 *   --host <addr>      bind address (127.0.0.1; another only when asked for)
 *   --port <n>         port (0 = any free port; default 4010)
 *   --state <file>     keep state across restarts
 *   --test-controls    mount /__test/* (time travel, faults, accounts, reset)
 *   --kiosk-limit <n>  identity verifications per kiosk per hour (30)
 *   --kiosk-key ID=KEY provision a kiosk (repeatable): its requests carry `Authorization: Bearer KEY`
 *   --self-service ID  that provisioned kiosk is self-service (identity path without an officer); assisted by default
 *   --log              request log (secrets redacted)
 */
import { parseArgs } from 'node:util';
import { parseKioskProvision, type KioskProvision } from './kioskAuth';
import { startStub } from './server';

const USAGE =
  'usage: npm run stub -- [--host 127.0.0.1] [--port 4010] [--state <file>] [--kiosk-key ID=KEY]… [--self-service ID]… [--test-controls] [--kiosk-limit 30] [--log]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '4010' },
        state: { type: 'string' },
        'test-controls': { type: 'boolean', default: false },
        'kiosk-limit': { type: 'string' },
        'kiosk-key': { type: 'string', multiple: true, default: [] },
        'self-service': { type: 'string', multiple: true, default: [] },
        log: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch {
    console.error(USAGE);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  const kioskLimit = values['kiosk-limit'] === undefined ? undefined : Number(values['kiosk-limit']);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (kioskLimit !== undefined && !(Number.isInteger(kioskLimit) && kioskLimit > 0))) {
    console.error(USAGE);
    process.exit(2);
  }
  const kiosks: KioskProvision[] = [];
  for (const text of values['kiosk-key']) {
    const kiosk = parseKioskProvision(text);
    if (!kiosk) {
      // Never echo the argument: it holds a key.
      console.error('--kiosk-key must be KIOSK_ID=KEY (id: 1-64 letters, digits, . _ -; key: 32-128 letters, digits, - _)');
      process.exit(2);
    }
    kiosks.push({ ...kiosk, mode: values['self-service'].includes(kiosk.kioskId) ? 'self-service' : 'assisted' });
  }
  const unknownSelfService = values['self-service'].filter((id) => !kiosks.some((k) => k.kioskId === id));
  if (unknownSelfService.length > 0) {
    console.error(`--self-service names a kiosk without --kiosk-key: ${unknownSelfService.join(', ')}`);
    process.exit(2);
  }
  const stub = await startStub({
    kiosks,
    host: values.host,
    port,
    testControls: values['test-controls'],
    logger: values.log,
    // The journal's self-check is for the unit tests' in-process stubs, not for a stub a test spawns.
    checkJournal: false,
    ...(values.state !== undefined ? { stateFile: values.state } : {}),
    ...(kioskLimit !== undefined ? { kioskIdentityLimitPerHour: kioskLimit } : {}),
  });
  console.log(`Pulih stub listening on ${stub.url}${values['test-controls'] ? ' (test controls on)' : ''}`);
  const ids = kiosks.map((k) => `${k.kioskId} (${k.mode})`).join(', ');
  if (ids) console.log(`Kiosks: ${ids}`);
  else if (values['test-controls']) console.log('No kiosks provisioned yet: POST /__test/kiosks provisions one (or give --kiosk-key ID=KEY).');
  else console.log('No kiosks provisioned (--kiosk-key ID=KEY): every request will be answered 401 KIOSK_UNAUTHENTICATED.');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    stub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Pulih stub could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
