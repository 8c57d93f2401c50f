import { useTranslation } from '@/web/lib/i18n';

/** Why a change on an admin page was not made, in the server's words. */
export function ActionError({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {t('admin.failed', { reason: error.message })}
    </p>
  );
}
