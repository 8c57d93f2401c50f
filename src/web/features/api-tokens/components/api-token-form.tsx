import { useId, useState, type FormEvent } from 'react';
import { CreateApiTokenRequestSchema, type CreateApiTokenRequest } from '@/shared/api/api-tokens';
import type { ServiceEntry } from '@/shared/api/inventory';
import { chosenScope } from '@/web/components/forms/datacenter-choices';
import { FieldProblem } from '@/web/components/forms/field-problem';
import { ScopeFieldset } from '@/web/components/forms/scope-fieldset';
import { useTranslation } from '@/web/lib/i18n';

/** Name and datacenters of a new token. The shared request schema checks it, as the server will. */
export function ApiTokenForm({
  services,
  pending,
  onSubmit,
  onCancel,
}: {
  services: readonly ServiceEntry[];
  pending: boolean;
  onSubmit: (values: CreateApiTokenRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('api-tokens');
  const id = useId();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ReadonlySet<string>>(new Set());
  const [problems, setProblems] = useState<{ name?: string; scope?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = CreateApiTokenRequestSchema.safeParse({ name, scope: chosenScope(services, scope) });
    if (!request.success) {
      const found: typeof problems = {};
      for (const issue of request.error.issues) {
        // An empty choice is said in the form's words; the schema's would name the JSON field.
        if (issue.path[0] === 'scope') found.scope ??= t('form.needScope');
        else found.name ??= issue.message;
      }
      setProblems(found);
      return;
    }
    setProblems({});
    onSubmit(request.data);
  };

  return (
    <form className="admin-form" onSubmit={submit} noValidate>
      <label>
        {t('form.name')}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problems.name !== undefined}
          aria-describedby={problems.name ? `${id}-name-problem` : undefined}
          autoFocus
        />
      </label>
      <FieldProblem id={`${id}-name-problem`} text={problems.name} />
      <ScopeFieldset
        legend={t('form.scope')}
        services={services}
        chosen={scope}
        onChange={setScope}
        problem={problems.scope}
      />
      <div className="admin-actions">
        <button type="submit" disabled={pending}>
          {t('create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
