/**
 * Serves the bare Vue + Pinia floor page (built by bench/bundle.ts) through
 * the browser shell's own bridge server (src-main/shell/browserBridge.ts:
 * same Fastify, static serving, headers and CSP), so that the load bench
 * loads the floor exactly the way it loads the kiosk. The core behind it
 * answers nothing: the bare page never calls it.
 *   node --import tsx bench/servers/bareBridge.ts <dist dir>
 * prints `Open: <url>` and runs until SIGTERM.
 */
import { ok } from '../../src-shared/errors';
import type { KioskCore } from '../../src-main/core/kioskCore';
import { startBrowserBridge } from '../../src-main/shell/browserBridge';

const rendererDir = process.argv[2];
if (!rendererDir) {
  console.error('usage: bareBridge.ts <dist dir>');
  process.exit(2);
}

// Only what the bridge server touches: dispatch for /__bridge/*, wipeWindow on a page's launch or hello.
const emptyCore = {
  router: { dispatch: async () => ok(null) },
  wipeWindow: async () => {},
  holdsSession: () => false,
  onWipe: () => () => {},
} as unknown as KioskCore;

const bridge = await startBrowserBridge({ core: emptyCore, rendererDir });
// The bare page never calls the bridge: it needs no launch code.
console.log(`Open: ${bridge.origin}/`);
const stop = () => void bridge.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
