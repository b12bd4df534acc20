import { onBeforeUnmount, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import { kioskApi } from '../bridge';

/** How often a kiosk nobody uses asks main whether the backend answers (main asks the backend at most every 5 s). */
export const SERVICE_CHECK_MS = 15_000;

/**
 * The self-service kiosk's health check (issue #13, item 11): while
 * `enabled` (the attract screen is up), ask main now and every
 * SERVICE_CHECK_MS whether the backend answers. `available` stays true until
 * an answer says otherwise, so a working kiosk never shows its
 * out-of-service screen; it turns back as soon as a check succeeds.
 */
export function useServiceStatus(enabled: MaybeRefOrGetter<boolean>): { available: Ref<boolean> } {
  const available = ref(true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let round = 0;

  function stop(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    round += 1;
  }

  async function check(): Promise<void> {
    const mine = round;
    const result = await kioskApi().getServiceStatus();
    if (mine !== round) return;
    // A page that cannot reach main at all is no more usable than a backend that is down.
    available.value = result.ok && result.value.available;
    timer = setTimeout(() => void check(), SERVICE_CHECK_MS);
  }

  watch(
    () => toValue(enabled),
    (on) => {
      stop();
      if (on) void check();
    },
    { immediate: true },
  );
  onBeforeUnmount(stop);

  return { available };
}
