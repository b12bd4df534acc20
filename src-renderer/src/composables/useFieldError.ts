import { useI18n } from 'vue-i18n';

/** A yup message key (e.g. `identifier.invalid`) → its localised text under `validation.`. */
export function useFieldError() {
  const { t } = useI18n();
  return (key: string | undefined, show: boolean): string | undefined =>
    key && show ? t(`validation.${key}`) : undefined;
}
