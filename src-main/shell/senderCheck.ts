import { isTrustedUrl } from './windowOptions';

/** What an IPC message says about where it came from (Electron's `event.senderFrame` and `event.sender`). */
export interface IpcSender {
  /** The sending frame; null when it is already gone (navigated away or destroyed). */
  frame: { url: string; isTopLevel: boolean } | null;
  webContentsId: number;
}

export interface SenderPolicy {
  /** The window id of one of our kiosk webContents, or undefined for any other. */
  windowIdOf: (webContentsId: number) => string | undefined;
  devServerUrl: string | undefined;
}

/**
 * Who may call main: only the top-level frame of one of our own kiosk
 * windows, showing our own app origin. Subframes, foreign origins (a page
 * that got navigated somewhere), vanished frames and other webContents are
 * refused. Pure, so it is tested without Electron; ipcBinding applies it to
 * every call.
 */
export function senderWindowId(sender: IpcSender, policy: SenderPolicy): string | undefined {
  const { frame } = sender;
  if (!frame || !frame.isTopLevel) return undefined;
  if (!isTrustedUrl(frame.url, policy.devServerUrl)) return undefined;
  return policy.windowIdOf(sender.webContentsId);
}
