/** The fields of Electron's `before-input-event` input that decide whether a key may reach the page. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** With Ctrl/Cmd only text editing may pass: select all, copy, cut, paste, undo, redo, word moves. */
const EDITING_WITH_ACCEL = new Set(['a', 'c', 'x', 'v', 'z', 'y', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Backspace', 'Delete', 'Home', 'End']);

/** Keys that only ever drive the browser (navigate, reload, print, menus), never a form. */
const BROWSER_KEYS = new Set([
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserStop',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'Print',
  'ContextMenu',
  'Props',
]);

/**
 * Production filter for the kiosk window (`before-input-event`): keeps the
 * keys a form needs and drops every shortcut that would reload, zoom, print,
 * open devtools, find, save, open or close windows, or navigate history.
 * An allow-list for Ctrl/Cmd, so shortcuts Chromium adds later stay blocked.
 */
export function isBlockedInput(input: KeyInput): boolean {
  const { key } = input;
  if (/^F\d{1,2}$/.test(key)) return true; // F5 reload, F11 fullscreen, F12 devtools, F3 find, F7 caret browsing…
  if (BROWSER_KEYS.has(key)) return true;
  const printable = [...key].length === 1;
  // AltGr arrives as Ctrl+Alt on Windows: it types characters (e.g. @ on many layouts), which must pass.
  if (input.control && input.alt && !input.meta && printable) return false;
  if (input.control || input.meta) {
    const normalized = printable ? key.toLowerCase() : key;
    return !EDITING_WITH_ACCEL.has(normalized);
  }
  // Alt+Left/Right go back and forward in history; Alt+Space opens the window menu.
  if (input.alt) return !printable || key === ' ';
  return false;
}
