import { describe, expect, it } from 'vitest';
import { senderWindowId, type IpcSender } from '../../../../src-main/shell/senderCheck';

/** webContents 7 is our kiosk window; anything else is not. */
const policy = { windowIdOf: (id: number) => (id === 7 ? '7' : undefined), devServerUrl: undefined };
const ours = (over: Partial<IpcSender> = {}): IpcSender => ({
  frame: { url: 'app://kiosk/index.html', isTopLevel: true },
  webContentsId: 7,
  ...over,
});

describe('IPC sender check', () => {
  it('our app page in the top frame of our kiosk window may call main', () => {
    expect(senderWindowId(ours(), policy)).toBe('7');
    expect(senderWindowId(ours({ frame: { url: 'app://kiosk/', isTopLevel: true } }), policy)).toBe('7');
  });

  it('a subframe is refused, even one showing our own origin', () => {
    expect(senderWindowId(ours({ frame: { url: 'app://kiosk/index.html', isTopLevel: false } }), policy)).toBeUndefined();
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///work/main/out/renderer/index.html',
    'app://evil/index.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    '',
    'not a url',
  ])('a frame showing a foreign origin (%j) is refused', (url) => {
    expect(senderWindowId(ours({ frame: { url, isTopLevel: true } }), policy)).toBeUndefined();
  });

  it('a frame that is already gone is refused', () => {
    expect(senderWindowId(ours({ frame: null }), policy)).toBeUndefined();
  });

  it('another webContents (not one of our kiosk windows) is refused, even on our origin', () => {
    expect(senderWindowId(ours({ webContentsId: 8 }), policy)).toBeUndefined();
  });

  it('the dev server is trusted only in development, and only its exact origin', () => {
    const dev = { ...policy, devServerUrl: 'http://localhost:5173' };
    expect(senderWindowId(ours({ frame: { url: 'http://localhost:5173/index.html', isTopLevel: true } }), dev)).toBe('7');
    expect(senderWindowId(ours({ frame: { url: 'http://localhost:5174/', isTopLevel: true } }), dev)).toBeUndefined();
    expect(senderWindowId(ours({ frame: { url: 'http://localhost:5173/', isTopLevel: true } }), policy)).toBeUndefined();
  });
});
