/**
 * The kiosk's info in the page itself (architecture §1): the shell that
 * serves index.html puts what `getKioskInfo` would answer into it as a JSON
 * data block, `<script type="application/json" id="pulih-kiosk-info">`, which
 * is never executed (so the CSP's `script-src 'self'` stands). The renderer
 * reads it before it mounts, so the first screen is drawn without waiting
 * for a round trip; `getKioskInfo` still runs after the mount, for later
 * changes. Nothing in it is a token or a secret: it is what the page is
 * given anyway.
 */
import { LANGUAGES, type KioskInfo } from './contract';
import { parseJsonObject } from './json';

export const KIOSK_INFO_ELEMENT_ID = 'pulih-kiosk-info';

const MODES: readonly string[] = ['assisted', 'self-service'];

/** The info from the data block's text, or undefined when there is none or it is not a kiosk's info. */
export function parseKioskInfo(text: string | null | undefined): KioskInfo | undefined {
  if (!text) return undefined;
  const value = parseJsonObject(text);
  if (value === undefined) return undefined;
  const info = value as Partial<Record<keyof KioskInfo, unknown>>;
  const idle = info.idle as Partial<Record<string, unknown>> | undefined;
  const valid =
    typeof info.kioskId === 'string' &&
    typeof info.mode === 'string' &&
    MODES.includes(info.mode) &&
    typeof info.training === 'boolean' &&
    typeof info.defaultLanguage === 'string' &&
    (LANGUAGES as readonly string[]).includes(info.defaultLanguage) &&
    typeof info.timeZone === 'string' &&
    typeof idle === 'object' &&
    idle !== null &&
    typeof idle.warnAfterSeconds === 'number' &&
    typeof idle.countdownSeconds === 'number';
  return valid ? (value as KioskInfo) : undefined;
}

/**
 * The data block for a page: JSON with every `<`, `>`, `&` and line
 * separator escaped, so no value can close the element or start markup.
 */
export function kioskInfoElement(info: object): string {
  const json = JSON.stringify(info).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/json" id="${KIOSK_INFO_ELEMENT_ID}">${json}</script>`;
}

/** index.html with the data block at the end of its head (or of the document, when it has no head). */
export function withKioskInfo(html: string, info: object): string {
  const element = kioskInfoElement(info);
  const at = html.search(/<\/head>/i);
  return at < 0 ? html + element : html.slice(0, at) + element + html.slice(at);
}
