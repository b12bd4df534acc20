// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { object, string } from 'yup';
import { useSubmission } from '../../../../../src-renderer/src/composables/useSubmission';
import { useKioskForm } from '../../../../../src-renderer/src/forms/kioskForm';
import { ok } from '../../../../../src-shared/errors';

/** A form of one required field, as a step builds it, and its submission. */
function mountForm(name: string) {
  let api!: ReturnType<typeof setup>;
  const setup = () => {
    const form = useKioskForm<{ name: string }>({ schema: object({ name: string().trim().required('name.required') }), initialValues: { name } });
    form.defineField('name');
    return { form, ...useSubmission(form) };
  };
  mount(defineComponent({ setup: () => ((api = setup()), () => h('div')) }));
  return api;
}

/** Lets promise callbacks run, and nothing else: no timer fires. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('useSubmission', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a valid form at once, without waiting on a timer (vee-validate batches its own validation by 5 ms)', async () => {
    vi.useFakeTimers();
    const { submit, form } = mountForm('SITI RAHAYU');
    const call = vi.fn(async () => ok(null));
    void submit(call);
    await microtasks();
    expect(call).toHaveBeenCalledTimes(1);
    // Every field counts as touched from now on, as after any submit.
    expect(form.meta.value.touched).toBe(true);
  });

  it('does not send an invalid form, and its message shows', async () => {
    const { submit, form } = mountForm('  ');
    const call = vi.fn(async () => ok(null));
    expect(await submit(call)).toBeUndefined();
    expect(call).not.toHaveBeenCalled();
    expect(form.errors.value.name).toBe('name.required');
    expect(form.meta.value.touched).toBe(true);
  });
});
