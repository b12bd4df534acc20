import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AnchorSender, type AnchorSenderOptions } from '../audit/anchors';
import type { AuditLog } from '../audit/auditLog';
import type { AuditSink } from '../audit/types';
import { createBackendClient } from '../backend/client';
import type { EmbeddedStubOptions } from '../backend/stub/childMessages';
import { startStub } from '../backend/stub/server';
import type { KioskConfig } from '../core/config';
import { createAuditExporter } from './auditExport';
import { lockDataFolder, type DataFolderLockOptions } from './dataFolderLock';
import { newKioskKey, readPlainKioskKey } from './kioskKey';
import { createKioskCore, type KioskCore } from '../core/kioskCore';

/** What both shells start from: config, a data folder, and optional test hooks. */
export interface RuntimeOptions {
  config: KioskConfig;
  dataDir: string;
  /** Opens the audit log; the Electron shell passes one keyed by safeStorage. Its head is anchored when it tells it (AuditLog). */
  openAudit: (dir: string, kioskId: string) => Promise<AuditSink & { close(): Promise<void> } & Partial<Pick<AuditLog, 'chainHead' | 'onAppended'>>>;
  /** Cadence of the audit anchors (tests shorten it); the defaults are anchors.ts's. */
  auditAnchors?: Pick<AnchorSenderOptions, 'everyEvents' | 'everyMs' | 'retryMs' | 'closeTimeoutMs'>;
  /** Mounts the stub's test controls (clock, faults): tests and trainers only. */
  stubTestControls?: boolean;
  /** Reads the kiosk key from the config's `kioskKeyFile` (the Electron shell's unseals it); a plain file by default. */
  readKioskKey?: (path: string) => Promise<string>;
  /** Port for the embedded stub (0 = ephemeral). */
  stubPort?: number;
  /**
   * Starts the embedded stub: the shells start it in a process of its own (stubProcess.ts), so that
   * the backend double's data is not in main's memory; in this process by default (unit tests).
   */
  startEmbeddedStub?: (options: EmbeddedStubOptions) => Promise<EmbeddedStub>;
  onFault?: (what: string, err: unknown) => void;
  /** Shell facts for the start-up audit event (where the audit key lives, flags it ignored). */
  startupDetail?: Readonly<Record<string, string | number | boolean>>;
  /** Timing of the data folder lock (tests shorten it); the defaults are dataFolderLock.ts's. */
  dataFolderLock?: Pick<DataFolderLockOptions, 'staleMs' | 'updateMs' | 'retryMs'>;
}

/** The embedded stub as the runtime uses it, wherever it runs. */
export interface EmbeddedStub {
  url: string;
  close(): Promise<void>;
}

export interface Runtime {
  core: KioskCore;
  config: KioskConfig;
  /** Set when the embedded stub is the backend (training mode). */
  stubUrl?: string;
  close(): Promise<void>;
}

/** How both shells report a fault in the background: by its name only, on stderr (a message could hold data). */
export function reportFault(what: string, err: unknown): void {
  console.error(`[pulih] fault in ${what}: ${err instanceof Error ? err.name : 'error'}`);
}

/** The demo operator of docs/architecture.md §8, shown on the training sign-in screen only. */
const DEMO_OPERATOR = { staffId: 'PTG001', pin: '246810' };

/**
 * Starts the shared main-process core: the data folder's lock, the embedded
 * stub (when configured), the axios client, the audit log and the router.
 * Shells add only transport. Throws DataFolderInUseError, before anything
 * else starts, when another kiosk holds the data folder.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, dataDir } = options;
  await mkdir(dataDir, { recursive: true });
  // One writer per data folder: the audit chain's sequence and the stub's counters depend on it.
  const folderLock = await lockDataFolder(dataDir, {
    ...options.dataFolderLock,
    onCompromised: (err) => options.onFault?.('data folder lock', err),
  });

  const embedded = config.backend === 'embedded';
  let kioskKey: string;
  let stub: EmbeddedStub | undefined;
  let audit: Awaited<ReturnType<RuntimeOptions['openAudit']>>;
  try {
    // The embedded stub knows only this kiosk, by a key made for this launch; a real backend's key comes from the config's file.
    kioskKey = embedded ? newKioskKey() : await (options.readKioskKey ?? readPlainKioskKey)(config.kioskKeyFile ?? '');
    stub = embedded
      ? await (options.startEmbeddedStub ?? startStub)({
          port: options.stubPort ?? 0,
          kiosks: [{ kioskId: config.kioskId, key: kioskKey, mode: config.mode }],
          checkHost: true,
          stateFile: join(dataDir, 'stub', 'state.json'),
          testControls: options.stubTestControls === true,
        })
      : undefined;
    audit = await options.openAudit(join(dataDir, 'audit'), config.kioskId);
    await audit.append({
      event: 'config.loaded',
      outcome: 'info',
      detail: {
        ...options.startupDetail,
        mode: config.mode,
        training: embedded,
        ...(folderLock.previousShutdown ? { previousShutdown: folderLock.previousShutdown } : {}),
      },
    });
    if (folderLock.previousShutdown === 'unclean') {
      await audit.append({ event: 'kiosk.unclean-shutdown', outcome: 'info', detail: { detectedBy: 'data-folder-lock' } });
    }
  } catch (err) {
    await stub?.close().catch(() => {});
    await folderLock.release().catch(() => {});
    throw err;
  }
  const baseUrl = stub ? stub.url : config.backend;
  // A citizen waits at most backendTimeoutMs for any answer, retries included.
  const backend = createBackendClient({
    baseUrl,
    kioskKey,
    timeoutMs: Math.ceil(config.backendTimeoutMs / 2),
    deadlineMs: config.backendTimeoutMs,
  });
  // The chain head goes off the machine in the background; a citizen's step never waits for it (anchors.ts).
  let anchors: AnchorSender | undefined;
  if (audit.chainHead && audit.onAppended) {
    const sender = new AnchorSender(
      {
        ...options.auditAnchors,
        send: (anchor) => backend.sendAuditAnchor({ kioskId: config.kioskId }, anchor),
        ...(options.onFault ? { onFault: options.onFault } : {}),
      },
      audit.chainHead(),
    );
    audit.onAppended((head) => sender.noteHead(head));
    anchors = sender;
  }

  const core = createKioskCore({
    config,
    backend,
    audit,
    training: embedded,
    ...(embedded ? { demoOperator: DEMO_OPERATOR } : {}),
    ...(options.onFault ? { onFault: options.onFault } : {}),
    exportAudit: createAuditExporter(join(dataDir, 'audit'), join(dataDir, 'exports'), config.timeZone),
  });

  return {
    core,
    config,
    ...(stub ? { stubUrl: stub.url } : {}),
    async close() {
      // Every part is closed even when one before it fails (a last audit flush on a full disk): the
      // embedded stub must stop before the folder is let go. The first failure is thrown at the end.
      const failures: unknown[] = [];
      const closing = async (part: () => Promise<void> | undefined): Promise<void> => {
        try {
          await part();
        } catch (err) {
          failures.push(err);
        }
      };
      await closing(() => audit.close());
      // Best effort and bounded: the last head, while the embedded stub still listens.
      await closing(() => anchors?.close());
      await closing(() => stub?.close());
      // Last, so that no other kiosk starts on the folder while this one still writes to it.
      await closing(() => folderLock.release());
      if (failures.length > 0) throw failures[0];
    },
  };
}
