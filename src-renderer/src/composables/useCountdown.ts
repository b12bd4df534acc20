import { computed, onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';

/** `m:ss`, as a phone shows a countdown. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Whole seconds left until `target` (ms on this renderer's clock); ticks
 * only while there is time left, and stops with its component.
 */
export function useCountdown(target: MaybeRefOrGetter<number | undefined>) {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;

  const secondsLeft = computed(() => {
    const at = toValue(target);
    return at === undefined ? 0 : Math.max(0, Math.ceil((at - now.value) / 1000));
  });

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  function tick(): void {
    now.value = Date.now();
    if (secondsLeft.value === 0) stop();
  }

  watch(
    () => toValue(target),
    () => {
      now.value = Date.now();
      if (secondsLeft.value > 0 && timer === undefined) timer = setInterval(tick, 250);
    },
    { immediate: true },
  );
  onScopeDispose(stop);

  return { secondsLeft };
}
