import type { MainTimeout } from '../../../src-shared/contract';
import { ACTIVITY_REPORT_MS } from '../../../src-shared/idle';
import { kioskApi } from '../bridge';

export interface ActivityReport {
  /** Someone is at the kiosk: tell main, at most every ACTIVITY_REPORT_MS unless `now` ("Lanjutkan" always goes). */
  report(now?: boolean): void;
}

/**
 * Main enforces the idle limits too, a little later than the page
 * (docs/kiosk.md §3), counting from every call and from these reports of
 * input. Its answer says when main already ended what the page shows (its
 * timer ran while the page's did not): `onEnded` then wipes the page.
 */
export function useActivityReport(onEnded: (why: MainTimeout) => void, clock: () => number = Date.now): ActivityReport {
  let last = Number.NEGATIVE_INFINITY;
  return {
    report(now = false) {
      const at = clock();
      if (!now && at - last < ACTIVITY_REPORT_MS) return;
      last = at;
      void kioskApi()
        .noteActivity()
        .then((result) => {
          if (result.ok && result.value.ended) onEnded(result.value.ended);
        });
    },
  };
}
