import { CreateApiTokenRequestSchema, type CreateApiTokenRequest } from '@/shared/api/api-tokens';
import type { ServiceEntry } from '@/shared/api/inventory';
import { AdminForm, useAdminForm } from '@/web/components/admin/admin-form';
import { firstProblems } from '@/web/components/forms/form-problems';
import { useTranslation } from '@/web/lib/i18n';

/** Name and datacenters of a new token. */
export function ApiTokenForm({
  services,
  pending,
  onSubmit,
  onCancel,
}: {
  services: readonly ServiceEntry[];
  pending: boolean;
  onSubmit: (values: CreateApiTokenRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('api-tokens');
  const form = useAdminForm({
    initial: undefined,
    services,
    check: (chosen) => CreateApiTokenRequestSchema.safeParse(chosen),
    problemsOf: (error) => firstProblems<'name' | 'scope'>(error, { scope: t('form.needScope') }),
    onSubmit,
  });
  return (
    <AdminForm
      form={form}
      words={{ name: t('form.name'), scope: t('form.scope'), submit: t('create'), cancel: t('cancel') }}
      pending={pending}
      onCancel={onCancel}
    />
  );
}
