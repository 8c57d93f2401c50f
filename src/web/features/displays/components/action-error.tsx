import { useTranslation } from '@/web/lib/i18n';

/** Why a change to a display was not made, in the server's words. */
export function ActionError({ error }: { error: Error | null }) {
  const { t } = useTranslation('displays');
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {t('failed', { reason: error.message })}
    </p>
  );
}
