import { onBeforeUnmount, onMounted, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import { createIdleMachine, type IdleMachine, type IdleState, type IdleTimes } from '../../../src-shared/idle';

/** What counts as someone being at the kiosk. Captured, so no screen can swallow them. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'input'] as const;

export interface UseIdleOptions {
  /** Idle times from the kiosk info; no machine runs until they are known. */
  times: MaybeRefOrGetter<IdleTimes | undefined>;
  /** Only while true is anything timed (e.g. a citizen screen is shown, an officer is signed in). */
  enabled: MaybeRefOrGetter<boolean>;
  onExpire: () => void;
  /**
   * Time from the moment it is enabled, not from the first input: the
   * officer's limit runs while an officer is signed in, also on a page just
   * reloaded by a citizen's wipe that nobody has touched since.
   */
  startWhenEnabled?: boolean;
  /** Activity the machine counted (`input`; none while a warning is up) or the warning answered (`extend`): main is told. */
  onActivity?: (how: 'input' | 'extend') => void;
}

export interface UseIdle {
  state: Ref<IdleState>;
  /** "Lanjutkan": ends the warning. */
  extend(): void;
  /** Counts as activity now (e.g. the touch that left the attract screen). */
  touch(): void;
}

/**
 * Wires the DOM's activity events to the pure idle machine (src-shared/idle.ts).
 * The machine is rebuilt when the times change and stopped when disabled or
 * unmounted.
 */
export function useIdle(options: UseIdleOptions): UseIdle {
  const state = ref<IdleState>({ phase: 'dormant', secondsLeft: 0 });
  const machine = shallowRef<IdleMachine>();

  function build(times: IdleTimes | undefined): void {
    machine.value?.dispose();
    machine.value = undefined;
    state.value = { phase: 'dormant', secondsLeft: 0 };
    if (!times) return;
    machine.value = createIdleMachine({
      warnAfterMs: times.warnAfterSeconds * 1000,
      countdownMs: times.countdownSeconds * 1000,
      onChange: (next) => (state.value = { ...next }),
      onExpire: options.onExpire,
    });
    if (options.startWhenEnabled && toValue(options.enabled)) machine.value.arm();
  }

  const onActivity = () => {
    if (!toValue(options.enabled) || !machine.value) return;
    machine.value.activity();
    // A brush during the warning does not count here, so it does not count in main either.
    if (machine.value.state.phase === 'active') options.onActivity?.('input');
  };

  function extend(): void {
    if (machine.value?.state.phase !== 'warning') return;
    machine.value.extend();
    options.onActivity?.('extend');
  }

  watch(
    () => toValue(options.times),
    (times, previous) => {
      if (times && previous && machine.value && times.countdownSeconds === previous.countdownSeconds) {
        // Only the allowance changed (the code screen): re-time the running period, never restart it.
        if (times.warnAfterSeconds !== previous.warnAfterSeconds) machine.value.setWarnAfter(times.warnAfterSeconds * 1000);
        return;
      }
      if (times?.warnAfterSeconds !== previous?.warnAfterSeconds || times?.countdownSeconds !== previous?.countdownSeconds) build(times);
    },
    { immediate: true },
  );
  watch(
    () => toValue(options.enabled),
    (enabled) => {
      if (!enabled) machine.value?.reset();
      else if (options.startWhenEnabled) machine.value?.arm();
    },
  );

  onMounted(() => {
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
  });
  onBeforeUnmount(() => {
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    machine.value?.dispose();
  });

  return {
    state,
    extend,
    touch: onActivity,
  };
}
