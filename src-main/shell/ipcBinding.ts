import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelOf, KIOSK_METHODS } from '../../src-shared/contract';
import { fail } from '../../src-shared/errors';
import type { Router } from '../core/router';
import { senderWindowId, type IpcSender, type SenderPolicy } from './senderCheck';

/** Electron's event, reduced to what the sender check needs. */
function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return {
    frame: frame ? { url: frame.url, isTopLevel: frame.parent === null } : null,
    webContentsId: event.sender.id,
  };
}

/**
 * The only place `ipcMain.handle` is called. Every channel goes through one
 * wrapper: check the sender frame (senderCheck.ts: our top-level app page in
 * one of our windows), then hand the raw payload to the router, which
 * validates it.
 */
export function bindIpc(options: SenderPolicy & { router: Router }): () => void {
  for (const method of KIOSK_METHODS) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown) => {
      const windowId = senderWindowId(senderOf(event), options);
      if (!windowId) return fail('FORBIDDEN');
      return options.router.dispatch({ windowId }, method, payload);
    });
  }
  return () => {
    for (const method of KIOSK_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
