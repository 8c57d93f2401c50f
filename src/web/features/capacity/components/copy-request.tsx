import { useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import type { AggregatesRequest } from '../utils/aggregates-request';
import { curlCommand, gnocchiCommand } from '../utils/copy-commands';

// The exact request behind the chart, as curl and as the gnocchi CLI, to copy or to read: what the page shows,
// a script can ask for with an API token.

type Status = 'copied' | 'failed' | undefined;

export function CopyRequest({ request }: { request: AggregatesRequest }) {
  const { t } = useTranslation('capacity');
  const [status, setStatus] = useState<Status>();
  const origin = window.location.origin;
  const commands = { curl: curlCommand(origin, request), cli: gnocchiCommand(origin, request) };
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };

  return (
    <section className="capacity-copy" aria-label={t('copy.show')}>
      <div className="capacity-copy-buttons">
        <button type="button" onClick={() => void copy(commands.curl)}>
          {t('copy.curl')}
        </button>
        <button type="button" onClick={() => void copy(commands.cli)}>
          {t('copy.cli')}
        </button>
        <span role="status" className="muted">
          {status && t(`copy.${status}`)}
        </span>
      </div>
      <details open={status === 'failed' || undefined}>
        <summary>{t('copy.show')}</summary>
        <pre className="capacity-command">{commands.curl}</pre>
        <pre className="capacity-command">{commands.cli}</pre>
      </details>
    </section>
  );
}
