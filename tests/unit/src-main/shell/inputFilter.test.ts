import { describe, expect, it } from 'vitest';
import { isBlockedInput, type KeyInput } from '../../../../src-main/shell/inputFilter';

const key = (k: string, mods: Partial<Omit<KeyInput, 'key' | 'type'>> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('production keyboard filter', () => {
  it.each([
    ['F5 (reload)', key('F5')],
    ['Ctrl+R (reload)', key('r', { control: true })],
    ['Ctrl+Shift+R (hard reload)', key('R', { control: true, shift: true })],
    ['Cmd+R (reload, macOS)', key('r', { meta: true })],
    ['F12 (devtools)', key('F12')],
    ['Ctrl+Shift+I (devtools)', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J (console)', key('J', { control: true, shift: true })],
    ['Cmd+Alt+I (devtools, macOS)', key('i', { meta: true, alt: true })],
    ['Ctrl+P (print)', key('p', { control: true })],
    ['Ctrl++ (zoom in)', key('+', { control: true, shift: true })],
    ['Ctrl+= (zoom in)', key('=', { control: true })],
    ['Ctrl+- (zoom out)', key('-', { control: true })],
    ['Ctrl+0 (zoom reset)', key('0', { control: true })],
    ['Ctrl+S (save page)', key('s', { control: true })],
    ['Ctrl+O (open file)', key('o', { control: true })],
    ['Ctrl+U (view source)', key('u', { control: true })],
    ['Ctrl+F (find)', key('f', { control: true })],
    ['Ctrl+W (close)', key('w', { control: true })],
    ['Ctrl+N (new window)', key('n', { control: true })],
    ['Ctrl+Tab', key('Tab', { control: true })],
    ['F11 (fullscreen)', key('F11')],
    ['F7 (caret browsing)', key('F7')],
    ['Alt+Left (history back)', key('ArrowLeft', { alt: true })],
    ['Alt+Right (history forward)', key('ArrowRight', { alt: true })],
    ['Alt+Home', key('Home', { alt: true })],
    ['Alt+Space (window menu)', key(' ', { alt: true })],
    ['BrowserBack key', key('BrowserBack')],
    ['BrowserRefresh key', key('BrowserRefresh')],
    ['Print key', key('Print')],
    ['ContextMenu key', key('ContextMenu')],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedInput(input)).toBe(true);
    expect(isBlockedInput({ ...input, type: 'keyUp' })).toBe(true);
  });

  it.each([
    ['letters', key('a')],
    ['capitals', key('A', { shift: true })],
    ['digits', key('7')],
    ['@', key('@', { shift: true })],
    ['password symbols', key('#', { shift: true })],
    ['Tab (next field)', key('Tab')],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['Enter (submit)', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Escape (close a dialog)', key('Escape')],
    ['arrows', key('ArrowLeft')],
    ['space', key(' ')],
    ['Ctrl+A (select all)', key('a', { control: true })],
    ['Ctrl+C (copy)', key('c', { control: true })],
    ['Ctrl+V (paste: allowed for passwords)', key('v', { control: true })],
    ['Cmd+V (paste, macOS)', key('v', { meta: true })],
    ['Ctrl+X (cut)', key('x', { control: true })],
    ['Ctrl+Z (undo)', key('z', { control: true })],
    ['Ctrl+Shift+Z (redo)', key('Z', { control: true, shift: true })],
    ['Ctrl+Backspace (delete word)', key('Backspace', { control: true })],
    ['Ctrl+Left (word left)', key('ArrowLeft', { control: true })],
    ['AltGr+Q (@ on German layouts; Ctrl+Alt on Windows)', key('@', { control: true, alt: true })],
    ['Option+e (accents on macOS)', key('´', { alt: true })],
  ])('lets %s through: forms need it', (_name, input) => {
    expect(isBlockedInput(input)).toBe(false);
  });
});
