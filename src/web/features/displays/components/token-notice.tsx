import type { DisplayWithToken } from '@/shared/api/displays';
import { OneTimeSecretNotice } from '@/web/components/layout/one-time-secret-notice';
import { useTranslation } from '@/web/lib/i18n';

/** The display's link, token included, shown once: the server keeps only a hash of the token. */
export function TokenNotice({ issued, onDone }: { issued: DisplayWithToken; onDone: () => void }) {
  const { t } = useTranslation('displays');
  // The wall opens the link on another machine, so it is copied whole, origin included.
  const url = new URL(issued.link, window.location.origin).href;
  return (
    <OneTimeSecretNotice
      value={url}
      onDone={onDone}
      words={{
        title: t('token.title', { name: issued.display.name }),
        warning: t('token.warning'),
        label: t('token.link'),
        copy: t('token.copy'),
        copied: t('token.copied'),
        copyFailed: t('token.copyFailed'),
        howTo: t('token.howTo'),
        done: t('token.done'),
      }}
    />
  );
}
