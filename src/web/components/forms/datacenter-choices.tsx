import type { DatacenterRef } from '@/shared/api/displays';
import type { ServiceEntry } from '@/shared/api/inventory';
import { datacenterKey } from '@/web/lib/datacenter-params';

// The datacenters a scoped credential (a wall display, an API token) may show, as one checkbox each under its
// service. The choice is a set of `datacenterKey`s; `chosenScope` turns it back into the scope a request sends.

export function DatacenterChoices({
  services,
  chosen,
  onChange,
}: {
  services: readonly ServiceEntry[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
}) {
  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    onChange(next);
  };
  return services.map((service) => (
    <div key={service.serviceName} className="datacenter-choices">
      <span className="muted">{service.serviceName}</span>
      {service.datacenters.map((dc) => {
        const key = datacenterKey({ serviceName: service.serviceName, datacenterId: dc.datacenterId });
        return (
          <label key={key} className="inline">
            <input
              type="checkbox"
              checked={chosen.has(key)}
              onChange={(e) => toggle(key, e.target.checked)}
            />
            {dc.name}
          </label>
        );
      })}
    </div>
  ));
}

/** The chosen datacenters in the order the services list them. */
export function chosenScope(services: readonly ServiceEntry[], chosen: ReadonlySet<string>): DatacenterRef[] {
  return services.flatMap((service) =>
    service.datacenters
      .map((dc) => ({ serviceName: service.serviceName, datacenterId: dc.datacenterId }))
      .filter((ref) => chosen.has(datacenterKey(ref))),
  );
}

/** A datacenter's name as the services list gives it, or its reference when it is no longer listed. */
export function datacenterName(services: readonly ServiceEntry[], ref: DatacenterRef): string {
  return (
    services
      .find((s) => s.serviceName === ref.serviceName)
      ?.datacenters.find((d) => d.datacenterId === ref.datacenterId)?.name ??
    `${ref.serviceName} · ${ref.datacenterId}`
  );
}
