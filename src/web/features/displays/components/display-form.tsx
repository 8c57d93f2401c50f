import { useId, useState } from 'react';
import { useTranslation } from '@/web/lib/i18n';
import {
  CreateDisplayRequestSchema,
  WALL_DEFAULTS,
  WallPageSchema,
  type DatacenterRef,
  type Display,
  type WallConfig,
} from '@/shared/api/displays';
import type { ServiceEntry } from '@/shared/api/inventory';
import { AdminForm, useAdminForm } from '@/web/components/admin/admin-form';
import { FieldProblem } from '@/web/components/forms/field-problem';
import { firstProblems } from '@/web/components/forms/form-problems';

export interface DisplayFormValues {
  name: string;
  scope: DatacenterRef[];
  wall: WallConfig;
}

/** The fields the form can say something about, each with the first problem the schema found in it. */
type Field = 'name' | 'scope' | keyof WallConfig;

/** A whole number, with a hint under it and the schema's word on it when it is not right. */
function NumberField(props: {
  label: string;
  hint: string;
  problem: string | undefined;
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
          step={1}
          value={Number.isNaN(props.value) ? '' : props.value}
          onChange={(e) => props.onChange(e.target.valueAsNumber)}
          aria-invalid={props.problem !== undefined}
          aria-describedby={props.problem ? `${id}-hint ${id}-problem` : `${id}-hint`}
        />
      </label>
      <small id={`${id}-hint`} className="muted">
        {props.hint}
      </small>
      <FieldProblem id={`${id}-problem`} text={props.problem} />
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
  const [wall, setWall] = useState<WallConfig>(
    () => display?.wall ?? { ...WALL_DEFAULTS, pages: ['overview'] },
  );
  const set = <K extends keyof WallConfig>(key: K, value: WallConfig[K]) =>
    setWall((previous) => ({ ...previous, [key]: value }));
  const form = useAdminForm({
    initial: display,
    services,
    check: (chosen) => CreateDisplayRequestSchema.safeParse({ ...chosen, wall }),
    problemsOf: (error) =>
      firstProblems<Field>(
        error,
        { scope: t('form.needScope'), pages: t('form.needPage') },
        // The wall's settings are fields of the form, as the name and the datacenters are.
        (path) => (path[0] === 'wall' ? path[1] : path[0]) as Field,
      ),
    onSubmit,
  });
  const { problems } = form;

  return (
    <AdminForm
      form={form}
      words={{ name: t('form.name'), scope: t('form.scope'), submit: submitLabel, cancel: t('cancel') }}
      pending={pending}
      onCancel={onCancel}
    >
      <fieldset>
        <legend>{t('form.wall')}</legend>
        <div className="display-wall">
          <NumberField
            label={t('form.rotateSeconds')}
            hint={t('form.rotateHint')}
            problem={problems.rotateSeconds}
            value={wall.rotateSeconds}
            onChange={(value) => set('rotateSeconds', value)}
          />
          <NumberField
            label={t('form.reloadHours')}
            hint={t('form.reloadHint')}
            problem={problems.reloadHours}
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
        <fieldset
          className="display-pages"
          aria-describedby={problems.pages ? `${id}-pages-problem` : undefined}
        >
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
          <FieldProblem id={`${id}-pages-problem`} text={problems.pages} />
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
    </AdminForm>
  );
}
