import { contextBridge, ipcRenderer } from 'electron';
import { channelOf } from '../src-shared/contract';
import { createKioskApi } from './createKioskApi';

// The only thing the sandboxed renderer gets: `window.kiosk`, frozen, typed.
contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskApi((method, payload) => ipcRenderer.invoke(channelOf(method), payload)),
);
