import { useId, useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { DisplayWithToken } from '@/shared/api/displays';

/**
 * The display's link, token included, shown once: the server keeps only a hash of the token, so this is the
 * only moment anyone can copy it. Dismissing it drops it from the page.
 */
export function TokenNotice({ issued, onDone }: { issued: DisplayWithToken; onDone: () => void }) {
  const { t } = useTranslation('displays');
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const url = new URL(issued.link, window.location.origin).href;

  const copy = () => {
    navigator.clipboard.writeText(url).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };

  return (
    <section className="admin-panel admin-panel-warning" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('token.title', { name: issued.display.name })}</h2>
      <p className="notice" role="alert">
        <span aria-hidden="true">⚠ </span>
        {t('token.warning')}
      </p>
      <div className="admin-secret">
        <label htmlFor={`${id}-link`} className="visually-hidden">
          {t('token.link')}
        </label>
        <input id={`${id}-link`} readOnly value={url} onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={copy}>
          {t('token.copy')}
        </button>
      </div>
      <p role="status" className={copied === 'failed' ? 'form-error' : 'muted'}>
        {copied === 'yes'
          ? t('token.copied')
          : copied === 'failed'
            ? t('token.copyFailed')
            : t('token.howTo')}
      </p>
      <button type="button" onClick={onDone}>
        {t('token.done')}
      </button>
    </section>
  );
}
