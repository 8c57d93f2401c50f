import { useId, useState } from 'react';
import {
  useTranslation,
  type Namespace,
  type QualifiedKey,
  type TranslationGroup,
  type TranslationKey,
} from '@/web/lib/i18n';

type Word = 'title' | 'warning' | 'label' | 'copy' | 'copied' | 'copyFailed' | 'howTo' | 'done';

/** A group of a feature's namespace that holds every word of the notice, as `namespace:group`: each admin
 * feature says in its own words what the secret is and what to do with it. */
export type OneTimeSecretGroup = {
  [N in Namespace]: {
    [G in TranslationGroup<N>]: `${G}.${Word}` extends TranslationKey<N> ? `${N}:${G}` : never;
  }[TranslationGroup<N>];
}[Namespace];

/**
 * A secret the server keeps only a digest of, shown once: this is the only moment anyone can copy it.
 * Dismissing it drops it from the page. `name` is the credential's, for the title. Styled by admin-page.css.
 */
export function OneTimeSecretNotice({
  value,
  group,
  name,
  onDone,
}: {
  value: string;
  group: OneTimeSecretGroup;
  name: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const word = (key: Word) => t(`${group}.${key}` as QualifiedKey, { name });
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed'>();

  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };

  return (
    <section className="admin-panel admin-panel-warning" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{word('title')}</h2>
      <p className="notice" role="alert">
        <span aria-hidden="true">⚠ </span>
        {word('warning')}
      </p>
      <div className="admin-secret">
        <label htmlFor={`${id}-value`} className="visually-hidden">
          {word('label')}
        </label>
        <input id={`${id}-value`} readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={copy}>
          {word('copy')}
        </button>
      </div>
      <p role="status" className={copied === 'failed' ? 'form-error' : 'muted'}>
        {word(copied === 'yes' ? 'copied' : copied === 'failed' ? 'copyFailed' : 'howTo')}
      </p>
      <button type="button" onClick={onDone}>
        {word('done')}
      </button>
    </section>
  );
}
