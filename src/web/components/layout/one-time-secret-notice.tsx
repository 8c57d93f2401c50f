import { useId, useState } from 'react';

/** What the notice says; each admin feature keeps the words in its own namespace. */
export interface OneTimeSecretWords {
  title: string;
  warning: string;
  label: string;
  copy: string;
  copied: string;
  copyFailed: string;
  howTo: string;
  done: string;
}

/**
 * A secret the server keeps only a digest of, shown once: this is the only moment anyone can copy it.
 * Dismissing it drops it from the page. Styled by admin-page.css.
 */
export function OneTimeSecretNotice({
  value,
  words,
  onDone,
}: {
  value: string;
  words: OneTimeSecretWords;
  onDone: () => void;
}) {
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
      <h2 id={`${id}-title`}>{words.title}</h2>
      <p className="notice" role="alert">
        <span aria-hidden="true">⚠ </span>
        {words.warning}
      </p>
      <div className="admin-secret">
        <label htmlFor={`${id}-value`} className="visually-hidden">
          {words.label}
        </label>
        <input id={`${id}-value`} readOnly value={value} onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={copy}>
          {words.copy}
        </button>
      </div>
      <p role="status" className={copied === 'failed' ? 'form-error' : 'muted'}>
        {copied === 'yes' ? words.copied : copied === 'failed' ? words.copyFailed : words.howTo}
      </p>
      <button type="button" onClick={onDone}>
        {words.done}
      </button>
    </section>
  );
}
