import { pyRepr } from '../shared/guest/py-repr';
import { PyObjectId, type PyDict } from '../shared/guest/py-value';
import { formatCreateDate } from '../shared/guest/create-date';
import type { GuestProcRecord, GuestVmRecord } from './guest-store';

// Stored records as the answers print them: repr() of the MongoDB document, keys in the order the document's
// examples show (a Python 2 dict's order), pid and proc as ints and every figure as a float.

export function vmRecordRepr(record: GuestVmRecord, timeZone: string): string {
  const { report } = record;
  const document: PyDict = {
    net_incoming: report.net_incoming,
    disk_write: report.disk_write,
    mem: report.mem,
    net_outgoing: report.net_outgoing,
    instance_id: record.instanceId,
    cpu_util: report.cpu_util,
    disk_read: report.disk_read,
    create_date: formatCreateDate(record.createdUs, timeZone),
    _id: new PyObjectId(record.objectId),
    proc: BigInt(report.proc),
  };
  return pyRepr(document);
}

export function procRecordRepr(record: GuestProcRecord, timeZone: string): string {
  const { process } = record;
  const document: PyDict = {
    net_incoming: process.net_incoming,
    shutdown_time: process.shutdown_time,
    mem: process.mem,
    net_outgoing: process.net_outgoing,
    cmd: process.cmd,
    pid: BigInt(process.pid),
    instance_id: record.instanceId,
    disk_write: process.disk_write,
    disk_read: process.disk_read,
    create_date: formatCreateDate(record.createdUs, timeZone),
    _id: new PyObjectId(record.objectId),
    cpu_util: process.cpu_util,
    running_time: process.running_time,
  };
  return pyRepr(document);
}
