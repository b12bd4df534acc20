// @vitest-environment happy-dom
import type { FormContext } from 'vee-validate';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, onMounted } from 'vue';
import { object } from 'yup';
import { otpField } from '../../../../../src-shared/rules/schemas';
import OtpInput from '../../../../../src-renderer/src/components/OtpInput.vue';
import { useKioskForm } from '../../../../../src-renderer/src/forms/kioskForm';
import { descriptionOf, inputByLabel, mountKiosk, type } from '../testKit';

/** The form the OTP input sits in, as on the Verifikasi screen; `code.value` is what the form holds. */
let form: FormContext<{ code: string }> | undefined;
const code = {
  get value() {
    return form?.values.code;
  },
};
const Host = defineComponent({
  /** A rule's message key already shown at the field (as after a submit). */
  props: { error: { type: String, default: undefined } },
  setup(props) {
    form = useKioskForm({ schema: object({ code: otpField }), initialValues: { code: '' } });
    onMounted(() => {
      if (props.error === undefined) return;
      form?.setFieldTouched('code', true);
      form?.setFieldError('code', props.error);
    });
    return () => h(OtpInput, { name: 'code', label: 'Kode OTP', hint: '6 angka' });
  },
});

describe('OtpInput', () => {
  afterEach(() => {
    form = undefined;
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
    const { wrapper } = await mountKiosk(Host, { props: { error: 'otp.invalid' } });
    const input = inputByLabel(wrapper, 'Kode OTP');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(input)).toContain('Kode OTP terdiri dari 6 angka.');
  });
});
