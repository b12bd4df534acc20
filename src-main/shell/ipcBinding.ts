import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelOf, KIOSK_METHODS } from '../../src-shared/contract';
import { fail } from '../../src-shared/errors';
import type { Router } from '../core/router';
import { isTrustedUrl } from './windowOptions';

/**
 * The only place `ipcMain.handle` is called. Every channel goes through one
 * wrapper: check the sender frame (our top-level app page in one of our
 * windows), then hand the raw payload to the router, which validates it.
 */
export function bindIpc(options: {
  router: Router;
  /** The window id of a known kiosk webContents, or undefined for anything else. */
  windowIdOf: (webContentsId: number) => string | undefined;
  devServerUrl: string | undefined;
}): () => void {
  const checkSender = (event: IpcMainInvokeEvent): string | undefined => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return undefined; // subframes never call main
    if (!isTrustedUrl(frame.url, options.devServerUrl)) return undefined;
    return options.windowIdOf(event.sender.id);
  };

  for (const method of KIOSK_METHODS) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown) => {
      const windowId = checkSender(event);
      if (!windowId) return fail('FORBIDDEN');
      return options.router.dispatch({ windowId }, method, payload);
    });
  }
  return () => {
    for (const method of KIOSK_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
