import { onBeforeUnmount, onMounted, type Ref } from 'vue';

/**
 * A `<dialog>` shown modal for as long as its component is mounted: the
 * browser keeps focus inside it and makes everything behind it inert, for
 * touch, mouse, keyboard and screen readers alike. A dialog opened later
 * (the idle warning) goes on top of it. Escape calls `onEscape` (when given)
 * instead of closing the dialog behind the component's back.
 */
export function useModalDialog(dialog: Ref<HTMLDialogElement | undefined>, onEscape?: () => void): void {
  let mounted = false;
  const onCancel = (event: Event) => {
    event.preventDefault();
    onEscape?.();
  };
  // The browser may still close it (a repeated Escape): while its component is there, it stays open.
  const onClose = () => {
    if (mounted && dialog.value && !dialog.value.open) dialog.value.showModal();
  };
  onMounted(() => {
    const element = dialog.value;
    if (!element) return;
    mounted = true;
    element.addEventListener('cancel', onCancel);
    element.addEventListener('close', onClose);
    if (!element.open) element.showModal();
  });
  onBeforeUnmount(() => {
    mounted = false;
    dialog.value?.removeEventListener('cancel', onCancel);
    dialog.value?.removeEventListener('close', onClose);
    if (dialog.value?.open) dialog.value.close();
  });
}
