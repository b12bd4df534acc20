/**
 * `npm run stub`: one stub for a training room or a tester.
 *   --host <addr>      bind address (127.0.0.1; another only when asked for)
 *   --port <n>         port (0 = any free port; default 4010)
 *   --state <file>     keep state across restarts
 *   --test-controls    mount /__test/* (time travel, faults, accounts, reset)
 *   --kiosk-limit <n>  identity verifications per kiosk per hour (30)
 *   --log              request log (secrets redacted)
 */
import { parseArgs } from 'node:util';
import { startStub } from './server';

const USAGE =
  'usage: npm run stub -- [--host 127.0.0.1] [--port 4010] [--state <file>] [--test-controls] [--kiosk-limit 30] [--log]';

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
  const stub = await startStub({
    host: values.host,
    port,
    testControls: values['test-controls'],
    logger: values.log,
    ...(values.state !== undefined ? { stateFile: values.state } : {}),
    ...(kioskLimit !== undefined ? { kioskIdentityLimitPerHour: kioskLimit } : {}),
  });
  console.log(`Pulih stub listening on ${stub.url}${values['test-controls'] ? ' (test controls on)' : ''}`);
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
