import { useId } from 'react';
import type { ServiceEntry } from '@/shared/api/inventory';
import { DatacenterChoices } from './datacenter-choices';
import { FieldProblem } from './field-problem';

/** The datacenters an admin form gives access to, with the problem of an empty choice under them. */
export function ScopeFieldset({
  legend,
  services,
  chosen,
  onChange,
  problem,
}: {
  legend: string;
  services: readonly ServiceEntry[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
  problem: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={problem ? `${id}-scope-problem` : undefined}>
      <legend>{legend}</legend>
      <DatacenterChoices services={services} chosen={chosen} onChange={onChange} />
      <FieldProblem id={`${id}-scope-problem`} text={problem} />
    </fieldset>
  );
}
