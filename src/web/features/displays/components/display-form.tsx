import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../../../lib/i18n';
import {
  WALL_DEFAULTS,
  WallPageSchema,
  type DatacenterRef,
  type Display,
  type WallConfig,
} from '../../../../shared/api/displays';
import type { ServiceEntry } from '../../../../shared/api/inventory';
import { datacenterKey } from '../../../lib/datacenter-params';

export interface DisplayFormValues {
  name: string;
  scope: DatacenterRef[];
  wall: WallConfig;
}

/** A whole number from 0 to `max`, with a hint under it. */
function NumberField(props: {
  label: string;
  hint: string;
  max: number;
  value: number;
  onChange: (value: number) => void;
}) {
  const id = useId();
  return (
    <div className="display-field">
      <label>
        {props.label}
        <input
          type="number"
          min={0}
          max={props.max}
          step={1}
          required
          value={Number.isNaN(props.value) ? '' : props.value}
          onChange={(e) => props.onChange(e.target.valueAsNumber)}
          aria-describedby={`${id}-hint`}
        />
      </label>
      <small id={`${id}-hint`} className="muted">
        {props.hint}
      </small>
    </div>
  );
}

/** Name, datacenters and wall configuration of a display, new or existing. */
export function DisplayForm({
  display,
  services,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  display?: Display;
  services: readonly ServiceEntry[];
  pending: boolean;
  submitLabel: string;
  onSubmit: (values: DisplayFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('displays');
  const id = useId();
  const [name, setName] = useState(display?.name ?? '');
  const [scope, setScope] = useState<ReadonlySet<string>>(() => new Set(display?.scope.map(datacenterKey)));
  const [wall, setWall] = useState<WallConfig>(
    () => display?.wall ?? { ...WALL_DEFAULTS, pages: ['overview'] },
  );
  const [problem, setProblem] = useState<string>();
  const set = <K extends keyof WallConfig>(key: K, value: WallConfig[K]) =>
    setWall((previous) => ({ ...previous, [key]: value }));
  const toggle = <T,>(items: ReadonlySet<T>, item: T, on: boolean) => {
    const next = new Set(items);
    if (on) next.add(item);
    else next.delete(item);
    return next;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = services.flatMap((service) =>
      service.datacenters
        .map((dc) => ({ serviceName: service.serviceName, datacenterId: dc.datacenterId }))
        .filter((ref) => scope.has(datacenterKey(ref))),
    );
    // What the browser's own checks cannot express; the server checks everything again.
    if (chosen.length === 0) return setProblem(t('form.needScope'));
    if (wall.pages.length === 0) return setProblem(t('form.needPage'));
    if (wall.rotateSeconds > 0 && wall.rotateSeconds < 10) return setProblem(t('form.rotateTooShort'));
    setProblem(undefined);
    onSubmit({ name: name.trim(), scope: chosen, wall });
  };

  return (
    <form className="display-form" onSubmit={submit} aria-describedby={problem ? `${id}-problem` : undefined}>
      <label>
        {t('form.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
      </label>

      <fieldset>
        <legend>{t('form.scope')}</legend>
        {services.map((service) => (
          <div key={service.serviceName} className="display-scope">
            <span className="muted">{service.serviceName}</span>
            {service.datacenters.map((dc) => {
              const key = datacenterKey({ serviceName: service.serviceName, datacenterId: dc.datacenterId });
              return (
                <label key={key} className="inline">
                  <input
                    type="checkbox"
                    checked={scope.has(key)}
                    onChange={(e) => setScope((s) => toggle(s, key, e.target.checked))}
                  />
                  {dc.name}
                </label>
              );
            })}
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('form.wall')}</legend>
        <div className="display-wall">
          <NumberField
            label={t('form.rotateSeconds')}
            hint={t('form.rotateHint')}
            max={86_400}
            value={wall.rotateSeconds}
            onChange={(value) => set('rotateSeconds', value)}
          />
          <NumberField
            label={t('form.reloadHours')}
            hint={t('form.reloadHint')}
            max={168}
            value={wall.reloadHours}
            onChange={(value) => set('reloadHours', value)}
          />
          <label>
            {t('form.theme')}
            <select value={wall.theme} onChange={(e) => set('theme', e.target.value as WallConfig['theme'])}>
              <option value="dark">{t('prefs.themeDark', { ns: 'common' })}</option>
              <option value="light">{t('prefs.themeLight', { ns: 'common' })}</option>
              <option value="system">{t('prefs.themeSystem', { ns: 'common' })}</option>
            </select>
          </label>
          <label>
            {t('form.tz')}
            <select value={wall.tz} onChange={(e) => set('tz', e.target.value as WallConfig['tz'])}>
              <option value="UTC">UTC</option>
              <option value="local">{t('prefs.local', { ns: 'common' })}</option>
            </select>
          </label>
        </div>
        <fieldset className="display-pages">
          <legend>{t('form.pages')}</legend>
          {WallPageSchema.options.map((page) => (
            <label key={page} className="inline">
              <input
                type="checkbox"
                checked={wall.pages.includes(page)}
                onChange={(e) =>
                  set(
                    'pages',
                    WallPageSchema.options.filter((p) =>
                      p === page ? e.target.checked : wall.pages.includes(p),
                    ),
                  )
                }
              />
              {t(`page.${page}`)}
            </label>
          ))}
        </fieldset>
        <label className="inline">
          <input type="checkbox" checked={wall.burnIn} onChange={(e) => set('burnIn', e.target.checked)} />
          {t('form.burnIn')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={wall.locked} onChange={(e) => set('locked', e.target.checked)} />
          {t('form.locked')}
        </label>
      </fieldset>

      {problem && (
        <p id={`${id}-problem`} className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="display-actions">
        <button type="submit" disabled={pending}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
