import { describe, expect, it } from 'vitest';
import { DatacenterSchema, HostSchema, UserSchema, VmSchema } from '@/shared/ovh/models';
import { MetricsTokenSchema } from '@/shared/ovh/envelopes';
import { createSimulator } from '../simulator';
import { signedInject } from '../testing/signed-inject';

const now = Date.UTC(2026, 10, 23, 14, 0);
const sim = createSimulator({ now: () => now });
const sn = 'pcc-37-187-228-180';
const dc = sim.inventory.services[0]!.datacenters[0]!;
const dcPath = `/dedicatedCloud/${sn}/datacenter/${dc.datacenterId}`;
const get = (path: string, batch?: string) => signedInject(sim.app, now, { path, batch });

describe('simulated OVH dedicatedCloud routes', () => {
  it('lists services, datacenters, filers, hosts and VMs as id arrays', async () => {
    expect((await get('/dedicatedCloud')).json()).toEqual([sn]);
    expect((await get(`/dedicatedCloud/${sn}/datacenter`)).json()).toEqual(
      sim.inventory.services[0]!.datacenters.map((d) => d.datacenterId),
    );
    expect((await get(`${dcPath}/host`)).json()).toEqual(dc.hosts.map((h) => h.hostId));
    expect((await get(`${dcPath}/filer`)).json()).toEqual(dc.filers.map((f) => f.filerId));
    expect((await get(`${dcPath}/vm`)).json()).toEqual(dc.vms.map((v) => v.vmId));
    expect((await get(`/dedicatedCloud/${sn}/filer`)).json()).toEqual(
      sim.inventory.services[0]!.globalFilers.map((f) => f.filerId),
    );
  });

  it('returns objects that parse with the shared schemas and agree with each other', async () => {
    const datacenter = DatacenterSchema.parse((await get(dcPath)).json());
    expect(datacenter.name).toBe(`datacenter${dc.datacenterId}`);
    const host = HostSchema.parse((await get(`${dcPath}/host/${dc.hosts[0]!.hostId}`)).json());
    expect(host.name).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const vmIds = (await get(`${dcPath}/vm`)).json<number[]>();
    const items = (await get(`${dcPath}/vm/${vmIds.join(',')}`, ',')).json<{ value: unknown }[]>();
    const vms = items.map((i) => VmSchema.parse(i.value));
    expect(vms.filter((vm) => vm.hostName === host.name && vm.powerState !== 'deleted')).toHaveLength(
      host.vmTotal!,
    );
    expect(new Set(vms.map((vm) => vm.powerState))).toEqual(
      new Set(['poweredOn', 'poweredOff', 'suspended', 'deleted']),
    );
    expect(vms.every((vm) => /^vm-\d+$/.test(vm.moRef))).toBe(true);
    expect(vms.filter((vm) => vm.powerState === 'deleted').every((vm) => vm.cpuUsed === null)).toBe(true);
  });

  it('answers batch requests in order, with per-id errors for unknown and malformed ids', async () => {
    const [a, b] = dc.vms;
    const response = await get(`${dcPath}/vm/${a!.vmId},99999,${b!.vmId},abc`, ',');
    expect(response.statusCode).toBe(200);
    const items = response.json<{ key: string; value: { vmId: number } | null; error: string | null }[]>();
    expect(items.map((i) => i.key)).toEqual([String(a!.vmId), '99999', String(b!.vmId), 'abc']);
    expect(items[0]).toMatchObject({ value: { vmId: a!.vmId }, error: null });
    expect(items[1]).toEqual({
      key: '99999',
      value: null,
      error: 'The requested object (vmId = 99999) does not exist',
    });
    expect(items[2]!.value!.vmId).toBe(b!.vmId);
    expect(items[3]).toEqual({
      key: 'abc',
      value: null,
      error: '[vmId] Given data (abc) is not valid for type long',
    });
  });

  it('refuses batch mode when it is switched off, so clients fall back to per-id requests', async () => {
    const off = createSimulator({ now: () => now, faults: { batch: false } });
    const response = await signedInject(off.app, now, {
      path: `${dcPath}/vm/${dc.vms[0]!.vmId}`,
      batch: ',',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      class: 'Client::BadRequest',
      message: 'Batch mode is not available on this call',
    });
    expect((await signedInject(off.app, now, { path: `${dcPath}/vm/${dc.vms[0]!.vmId}` })).statusCode).toBe(
      200,
    );
  });

  it.each([
    ['an unknown service', '/dedicatedCloud/pcc-0-0-0-0/datacenter', 404, 'This service does not exist'],
    [
      'an unknown datacenter',
      `/dedicatedCloud/${sn}/datacenter/1/vm`,
      404,
      'The requested object (datacenterId = 1) does not exist',
    ],
    ['an unknown VM', `${dcPath}/vm/99999`, 404, 'The requested object (vmId = 99999) does not exist'],
    ['an unknown host', `${dcPath}/host/1`, 404, 'The requested object (hostId = 1) does not exist'],
    ['an unknown filer', `${dcPath}/filer/1`, 404, 'The requested object (filerId = 1) does not exist'],
    [
      'an unknown user',
      `/dedicatedCloud/${sn}/user/1`,
      404,
      'The requested object (userId = 1) does not exist',
    ],
    ['an unknown route', `/dedicatedCloud/${sn}/nothing`, 404, 'Got an invalid (or empty) URL'],
    ['a malformed id', `${dcPath}/vm/12x`, 400, '[vmId] Given data (12x) is not valid for type long'],
  ])('answers %s with OVH’s error', async (_name, path, status, message) => {
    const response = await get(path);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({
      class: status === 404 ? 'Client::NotFound' : 'Client::BadRequest',
      message,
    });
    expect(response.headers['x-ovh-queryid']).toBeDefined();
  });

  it('filters users by name like OVH, and lists their datacenter rights', async () => {
    const names = async (filter: string) => {
      const ids = (await get(`/dedicatedCloud/${sn}/user?name=${filter}`)).json<number[]>();
      return ids.map((id) => sim.inventory.services[0]!.users.find((u) => u.userId === id)?.name);
    };
    expect(await names('dev')).toEqual(['dev', 'devops']);
    expect(await names('DevOps')).toEqual(['devops']);
    expect(await names('d_v%s')).toEqual(['devops']);
    expect(await names('admin')).toEqual(['admin']);
    const ids = (await get(`/dedicatedCloud/${sn}/user?name=dev`)).json<number[]>();
    const user = UserSchema.parse((await get(`/dedicatedCloud/${sn}/user/${ids[0]}`)).json());
    expect(user).toMatchObject({ name: 'dev', login: `dev@${sn}.ovh.com` });
    const rightIds = (await get(`/dedicatedCloud/${sn}/user/${ids[0]}/right`)).json<number[]>();
    const rights = (await get(`/dedicatedCloud/${sn}/user/${ids[0]}/right/${rightIds.join(',')}`, ',')).json<
      { value: { datacenterId: number; right: string } }[]
    >();
    expect(rights.map((r) => r.value.right)).toEqual(['readwrite', 'disabled']);
    expect((await get(`/dedicatedCloud/${sn}/user?name=nobody`)).json()).toEqual([]);
  });

  it('issues the historical metricsToken with an OpenTSDB endpoint on the simulator', async () => {
    const response = await signedInject(sim.app, now, {
      method: 'POST',
      path: `/dedicatedCloud/${sn}/user/77/metricsToken`,
    });
    const token = MetricsTokenSchema.parse(response.json());
    expect(token.opentsdbEndpoint).toBe('http://sim.test/metrics');
    expect(token.token).toMatch(/^[\w-]{40}$/);
    const again = await signedInject(sim.app, now, {
      method: 'POST',
      path: `/dedicatedCloud/${sn}/user/77/metricsToken`,
    });
    expect(again.json()).toEqual(response.json());
  });
});
