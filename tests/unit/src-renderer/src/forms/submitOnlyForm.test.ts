// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { object, string } from 'yup';
import ErrorSummary from '../../../../../src-renderer/src/components/ErrorSummary.vue';
import TextField from '../../../../../src-renderer/src/components/TextField.vue';
import { useSubmission } from '../../../../../src-renderer/src/composables/useSubmission';
import { lazyRules, useSubmitOnlyForm, type SubmitOnlyForm } from '../../../../../src-renderer/src/forms/submitOnlyForm';
import { createKioskI18n } from '../../../../../src-renderer/src/i18n';
import { ok } from '../../../../../src-shared/errors';

const RULES = object({
  identifier: string().trim().required('identifier.required'),
  password: string().required('password.required'),
});

let wrapper: VueWrapper | undefined;
afterEach(() => {
  wrapper?.unmount();
  wrapper = undefined;
});

type Api = { form: SubmitOnlyForm<{ identifier: string; password: string }> } & ReturnType<typeof useSubmission>;

/** A sign-in-like form of two fields on the submit-only form, its rules imported lazily (counted). */
function mountForm(importRules: () => Promise<typeof RULES> = vi.fn(async () => RULES)) {
  let api!: Api;
  const Form = defineComponent({
    setup() {
      const rules = lazyRules(importRules);
      const form = useSubmitOnlyForm({ rules, initialValues: { identifier: '', password: '' } });
      api = { form, ...useSubmission(form) };
      return () =>
        h('form', { onFocusin: () => rules.prefetch() }, [
          h(ErrorSummary),
          h(TextField, { name: 'identifier', label: 'Email atau nomor handphone' }),
          h(TextField, { name: 'password', label: 'Password', type: 'password' }),
        ]);
    },
  });
  const w = mount(Form, { global: { plugins: [createKioskI18n('id')] }, attachTo: document.body });
  wrapper = w;
  return { w, api, importRules };
}

const messages = (w: VueWrapper) => w.findAll('.field__error').map((p) => p.text());
function input(w: VueWrapper, label: string) {
  const id = w.findAll('label').find((l) => l.text() === label)?.attributes('for');
  return w.find<HTMLInputElement>(`input[id="${id}"]`);
}

describe('useSubmitOnlyForm (the sign-in screens)', () => {
  it('checks nothing and loads no rules while the citizen types; the first touch starts loading them', async () => {
    const { w, api, importRules } = mountForm();
    await input(w, 'Password').setValue('x');
    await flushPromises();
    expect(api.form.values.password).toBe('x');
    expect(importRules).not.toHaveBeenCalled();
    expect(messages(w)).toEqual([]);
    await input(w, 'Email atau nomor handphone').trigger('focusin');
    expect(importRules).toHaveBeenCalledTimes(1);
  });

  it("a submit shows each field's message; after it, the messages follow what is typed", async () => {
    const { w, api } = mountForm();
    const call = vi.fn(async () => ok(null));
    expect(await api.submit(call)).toBeUndefined();
    await flushPromises();
    expect(call).not.toHaveBeenCalled();
    expect(messages(w)).toEqual(['Email atau nomor handphone wajib diisi.', 'Password wajib diisi.']);
    expect(w.find('.error-summary').exists()).toBe(true);

    await input(w, 'Password').setValue('rahasia');
    await flushPromises();
    expect(messages(w)).toEqual(['Email atau nomor handphone wajib diisi.']);
    await input(w, 'Password').setValue('');
    await flushPromises();
    expect(messages(w)).toEqual(['Email atau nomor handphone wajib diisi.', 'Password wajib diisi.']);
  });

  it('sends a valid form with the values as typed', async () => {
    const { w, api } = mountForm();
    await input(w, 'Email atau nomor handphone').setValue(' siti@example.com ');
    await input(w, 'Password').setValue('rahasia');
    expect(await api.submit(async () => ok(api.form.values.identifier))).toEqual(ok(' siti@example.com '));
    expect(messages(w)).toEqual([]);
  });

  it('clearing a value without a check after a submit does not blame it (the password after a wrong one)', async () => {
    const { w, api } = mountForm();
    await input(w, 'Email atau nomor handphone').setValue('siti@example.com');
    await input(w, 'Password').setValue('salah');
    await api.submit(async () => ok(null));
    api.form.setFieldValue('password', '', false);
    await flushPromises();
    expect(input(w, 'Password').element.value).toBe('');
    expect(messages(w)).toEqual([]);
  });

  it('rules that failed to load are fetched again by the next submit', async () => {
    const importRules = vi.fn<() => Promise<typeof RULES>>().mockRejectedValueOnce(new Error('chunk failed')).mockResolvedValue(RULES);
    const { w, api } = mountForm(importRules);
    await expect(api.submit(async () => ok(null))).rejects.toThrow('chunk failed');
    expect(await api.submit(async () => ok(null))).toBeUndefined();
    await flushPromises();
    expect(importRules).toHaveBeenCalledTimes(2);
    expect(messages(w)).toEqual(['Email atau nomor handphone wajib diisi.', 'Password wajib diisi.']);
  });
});
