/** The parts of Electron that can keep a citizen's traces outside main's memory. */
export interface TraceHolders {
  /** The kiosk's in-memory partition (KIOSK_PARTITION). */
  session: { clearStorageData(): Promise<void>; clearCache(): Promise<void> };
  clipboard: { clear(type?: 'selection' | 'clipboard'): void };
  platform: NodeJS.Platform;
}

/**
 * Clears what a citizen may have left outside the recovery session: web
 * storage, cookies, IndexedDB and cache of the kiosk partition, and the
 * clipboard (a copied password or NIK). On Linux the primary selection holds
 * the last text selected, so it goes too. Runs on every wipe (finish,
 * cancel, idle, sign-out, crash).
 */
export async function clearKioskTraces(holders: TraceHolders): Promise<void> {
  holders.clipboard.clear();
  if (holders.platform === 'linux') holders.clipboard.clear('selection');
  await Promise.all([holders.session.clearStorageData(), holders.session.clearCache()]);
}
