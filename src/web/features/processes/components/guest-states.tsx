import { useTranslation } from '@/web/lib/i18n';

// What the page says instead of (or above) guest figures, when there are none or they are not current.

/** No agent has ever reported for this VM: what to install, and the instance id it must report as. */
export function NoAgentState({ instanceId }: { instanceId: string | null }) {
  const { t } = useTranslation('processes');
  return (
    <div className="state state-empty guest-state" role="status">
      <strong>{t('state.noAgent')}</strong>
      <p>{instanceId === null ? t('state.noInstanceId') : t('state.install', { instanceId })}</p>
    </div>
  );
}

/** The server has no guest service to ask: the setting that gives it one. */
export function NotConfiguredState() {
  const { t } = useTranslation('processes');
  return (
    <div className="state state-empty guest-state" role="status">
      <strong>{t('state.notConfigured')}</strong>
      <p>{t('state.notConfiguredHelp')}</p>
    </div>
  );
}

/** Figures shown that are not current: the agent fell silent, or the VM is off. */
export function GuestNotice({ children }: { children: string }) {
  return (
    <p className="notice guest-notice" role="status">
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}
