import { useId, useState } from 'react';
import type { ApiTokenWithSecret } from '@/shared/api/api-tokens';
import { useTranslation } from '@/web/lib/i18n';

/**
 * The token's secret, shown once: the server keeps only its digest, so this is the only moment anyone can copy
 * it. Dismissing it drops it from the page.
 */
export function SecretNotice({ issued, onDone }: { issued: ApiTokenWithSecret; onDone: () => void }) {
  const { t } = useTranslation('api-tokens');
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed'>();

  const copy = () => {
    navigator.clipboard.writeText(issued.secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };

  return (
    <section className="admin-panel admin-panel-warning" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('secret.title', { name: issued.token.name })}</h2>
      <p className="notice" role="alert">
        <span aria-hidden="true">⚠ </span>
        {t('secret.warning')}
      </p>
      <div className="admin-secret">
        <label htmlFor={`${id}-secret`} className="visually-hidden">
          {t('secret.label')}
        </label>
        <input id={`${id}-secret`} readOnly value={issued.secret} onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={copy}>
          {t('secret.copy')}
        </button>
      </div>
      <p role="status" className={copied === 'failed' ? 'form-error' : 'muted'}>
        {copied === 'yes'
          ? t('secret.copied')
          : copied === 'failed'
            ? t('secret.copyFailed')
            : t('secret.howTo')}
      </p>
      <button type="button" onClick={onDone}>
        {t('secret.done')}
      </button>
    </section>
  );
}
