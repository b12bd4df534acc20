// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import OtpInput from '../../../../../src-renderer/src/components/OtpInput.vue';
import { descriptionOf, inputByLabel, mountKiosk, type } from '../wizardTestKit';

const code = ref('');
const Host = defineComponent({
  props: { error: { type: String, default: undefined } },
  setup(props) {
    return () =>
      h(OtpInput, {
        label: 'Kode OTP',
        hint: '6 angka',
        error: props.error,
        modelValue: code.value,
        'onUpdate:modelValue': (v: string) => (code.value = v),
      });
  },
});

describe('OtpInput', () => {
  afterEach(() => {
    code.value = '';
    document.body.innerHTML = '';
  });

  it('is one labelled field for six digits, with the phone keypad and one-time-code autofill', async () => {
    const { wrapper } = await mountKiosk(Host);
    const input = inputByLabel(wrapper, 'Kode OTP');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.type).toBe('text');
    expect(wrapper.findAll('input')).toHaveLength(1);
    expect(descriptionOf(input)).toBe('6 angka');
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  it('keeps digits only, from typing and from a pasted "254 241"', async () => {
    const { wrapper } = await mountKiosk(Host);
    const input = inputByLabel(wrapper, 'Kode OTP');
    await type(input, '25a4');
    expect(code.value).toBe('254');
    expect(input.value).toBe('254');
    await type(input, '254 241');
    expect(code.value).toBe('254241');
    expect(input.value).toBe('254241');
  });

  it('stops at six digits', async () => {
    const { wrapper } = await mountKiosk(Host);
    const input = inputByLabel(wrapper, 'Kode OTP');
    await type(input, '12345678');
    expect(code.value).toBe('123456');
  });

  it('is marked invalid and described by its message', async () => {
    const { wrapper } = await mountKiosk(Host, { props: { error: 'Kode OTP terdiri dari 6 angka.' } });
    const input = inputByLabel(wrapper, 'Kode OTP');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(input)).toContain('Kode OTP terdiri dari 6 angka.');
  });
});
