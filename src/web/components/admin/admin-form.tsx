import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import type { DatacenterRef } from '@/shared/api/displays';
import type { ServiceEntry } from '@/shared/api/inventory';
import { chosenScope } from '@/web/components/forms/datacenter-choices';
import { FieldProblem } from '@/web/components/forms/field-problem';
import { ScopeFieldset } from '@/web/components/forms/scope-fieldset';
import { datacenterKey } from '@/web/lib/datacenter-params';

// The form of a scoped credential (a display, an API token): its name, the datacenters it gives access to, the
// feature's own fields, and the submit and cancel buttons. The feature's request schema checks it on submit,
// as the server will: the form holds no rule of its own.

type Problems<Field extends string> = Partial<Record<Field | 'name' | 'scope', string>>;

/** What AdminForm draws and submits; made by useAdminForm. */
export interface AdminFormState {
  services: readonly ServiceEntry[];
  name: string;
  setName: (name: string) => void;
  scope: ReadonlySet<string>;
  setScope: (scope: ReadonlySet<string>) => void;
  problems: { name?: string; scope?: string };
  submit: (event: FormEvent) => void;
}

/** The name and datacenters being edited, and the submit handler that checks them (with whatever else the
 * feature's `check` adds) before handing the request on. */
export function useAdminForm<Field extends string, Values>({
  initial,
  services,
  check,
  problemsOf,
  onSubmit,
}: {
  initial: { name: string; scope: readonly DatacenterRef[] } | undefined;
  services: readonly ServiceEntry[];
  check: (chosen: { name: string; scope: DatacenterRef[] }) => z.ZodSafeParseResult<Values>;
  problemsOf: (error: z.ZodError) => Problems<Field>;
  onSubmit: (values: Values) => void;
}): AdminFormState & { problems: Problems<Field> } {
  const [name, setName] = useState(initial?.name ?? '');
  const [scope, setScope] = useState<ReadonlySet<string>>(() => new Set(initial?.scope.map(datacenterKey)));
  const [problems, setProblems] = useState<Problems<Field>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = check({ name, scope: chosenScope(services, scope) });
    if (!request.success) {
      setProblems(problemsOf(request.error));
      return;
    }
    setProblems({});
    onSubmit(request.data);
  };

  return { services, name, setName, scope, setScope, problems, submit };
}

export function AdminForm({
  form,
  words,
  pending,
  onCancel,
  children,
}: {
  form: AdminFormState;
  words: { name: string; scope: string; submit: string; cancel: string };
  pending: boolean;
  onCancel: () => void;
  /** The feature's own fields, between the datacenters and the buttons. */
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <form className="admin-form" onSubmit={form.submit} noValidate>
      <label>
        {words.name}
        <input
          value={form.name}
          onChange={(e) => form.setName(e.target.value)}
          aria-invalid={form.problems.name !== undefined}
          aria-describedby={form.problems.name ? `${id}-name-problem` : undefined}
          autoFocus
        />
      </label>
      <FieldProblem id={`${id}-name-problem`} text={form.problems.name} />
      <ScopeFieldset
        legend={words.scope}
        services={form.services}
        chosen={form.scope}
        onChange={form.setScope}
        problem={form.problems.scope}
      />
      {children}
      <div className="admin-actions">
        <button type="submit" disabled={pending}>
          {words.submit}
        </button>
        <button type="button" onClick={onCancel}>
          {words.cancel}
        </button>
      </div>
    </form>
  );
}
