import type { ApiTokenWithSecret } from '@/shared/api/api-tokens';
import { OneTimeSecretNotice } from '@/web/components/layout/one-time-secret-notice';
import { useTranslation } from '@/web/lib/i18n';

/** The token's secret, shown once: the server keeps only its digest. */
export function SecretNotice({ issued, onDone }: { issued: ApiTokenWithSecret; onDone: () => void }) {
  const { t } = useTranslation('api-tokens');
  return (
    <OneTimeSecretNotice
      value={issued.secret}
      onDone={onDone}
      words={{
        title: t('secret.title', { name: issued.token.name }),
        warning: t('secret.warning'),
        label: t('secret.label'),
        copy: t('secret.copy'),
        copied: t('secret.copied'),
        copyFailed: t('secret.copyFailed'),
        howTo: t('secret.howTo'),
        done: t('secret.done'),
      }}
    />
  );
}
