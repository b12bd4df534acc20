import { useI18n } from 'vue-i18n';

/**
 * A yup message key (e.g. `identifier.invalid`) → its localised text under
 * `validation.`; `validation.field.<field>.<rule>` overrides a shared rule's
 * wording for one field (e.g. "Nama ibu kandung wajib diisi.").
 */
export function useFieldError() {
  const { t, te } = useI18n();
  return (key: string | undefined, show: boolean, field?: string): string | undefined => {
    if (!key || !show) return undefined;
    const rule = key.slice(key.lastIndexOf('.') + 1);
    const override = field ? `validation.field.${field}.${rule}` : '';
    return override && te(override) ? t(override) : t(`validation.${key}`);
  };
}
