import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { KioskInfo } from '../../../src-shared/contract';
import type { KioskError } from '../../../src-shared/errors';
import { kioskApi } from '../bridge';

/** What the whole UI needs to know about this kiosk: mode, training, operator. */
export const useKioskStore = defineStore('kiosk', () => {
  const info = ref<KioskInfo>();
  const loadError = ref<KioskError>();

  async function load(): Promise<void> {
    const result = await kioskApi().getKioskInfo();
    if (result.ok) {
      info.value = result.value;
      loadError.value = undefined;
    } else {
      loadError.value = result.error;
    }
  }

  const training = computed(() => info.value?.training === true);
  /** Assisted mode: an officer at the counter checks the physical ID card before the identity path. */
  const assisted = computed(() => info.value?.mode === 'assisted');

  return { info, loadError, training, assisted, load };
});
