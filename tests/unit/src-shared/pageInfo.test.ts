import { describe, expect, it } from 'vitest';
import type { KioskInfo } from '../../../src-shared/contract';
import { KIOSK_INFO_ELEMENT_ID, kioskInfoElement, parseKioskInfo, withKioskInfo } from '../../../src-shared/pageInfo';

/** The kiosk's info in the page (src-shared/pageInfo.ts): written by the shells, read by the renderer before it mounts. */

const INFO: KioskInfo = {
  kioskId: 'KIOSK-1',
  mode: 'self-service',
  training: false,
  defaultLanguage: 'en',
  timeZone: 'Asia/Makassar',
  idle: { warnAfterSeconds: 45, countdownSeconds: 20 },
  operator: { staffId: 'PTG001', name: 'PETUGAS SATU' },
};

/** The text of the data block as a browser would hand it to the page (textContent). */
function blockText(html: string): string | undefined {
  return new RegExp(`<script type="application/json" id="${KIOSK_INFO_ELEMENT_ID}">([\\s\\S]*?)</script>`).exec(html)?.[1];
}

describe("the kiosk's info in the page", () => {
  it('goes at the end of the head and reads back as it was', () => {
    const html = withKioskInfo('<!doctype html><html><head><title>x</title></head><body><script type="module" src="/a.js"></script></body></html>', INFO);
    expect(html.indexOf(KIOSK_INFO_ELEMENT_ID)).toBeLessThan(html.indexOf('</head>'));
    expect(parseKioskInfo(blockText(html))).toEqual(INFO);
  });

  it('no value can end the block or start markup: a name with </script> and <!-- stays a name', () => {
    const hostile = { ...INFO, operator: { staffId: 'X', name: '</script><script>alert(1)</script><!--\u2028&' } };
    const element = kioskInfoElement(hostile);
    expect(element.match(/</g)).toHaveLength(2);
    expect(element).not.toMatch(/\u2028/);
    expect(parseKioskInfo(blockText(element))).toEqual(hostile);
  });

  it('anything but a kiosk info is no info: the page then asks main, as before', () => {
    for (const text of [undefined, null, '', 'not json', '[]', 'null', '{}', JSON.stringify({ ...INFO, mode: 'kiosk' }), JSON.stringify({ ...INFO, defaultLanguage: 'fr' }), JSON.stringify({ ...INFO, idle: {} })]) {
      expect(parseKioskInfo(text), String(text)).toBeUndefined();
    }
  });
});
