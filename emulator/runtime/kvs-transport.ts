import type { FaultPlan } from '../faults';
import type { Metrics } from '../metrics';
import type { KvsReply } from './kvs-api';
import { handleKvsRequest } from './kvs-api';
import type { KvsStore } from './kvs-store';
import type { KvsTransport } from './forge-globals';

/**
 * The in-process KVS: counts each operation as `kvs:<operation>` and applies injected KVS faults
 * (a failed status, a delay, a hang, or a write that fails now and lands later) before serving it from the store.
 * @example installForgeGlobals({ siteUrl, appSecret, kvs: localKvs(store, metrics, faults) })
 */
export function localKvs(store: KvsStore, metrics: Metrics, faults: FaultPlan): KvsTransport {
  return async (path, body): Promise<KvsReply> => {
    const operation = path.replace(/^\/api\/v1\//, '');
    metrics.count(`kvs:${operation}`);
    const fault = faults.take('kvs', operation);
    if (fault?.hang) return new Promise<never>(() => undefined);
    if (fault?.lateMs !== undefined) {
      const lateMs = fault.lateMs;
      faults.track(new Promise<void>((landed) => setTimeout(() => landed(), lateMs)).then(() => handleKvsRequest(store, path, body, Date.now())));
      return { status: fault.status ?? 503, body: { code: 'INJECTED_FAULT', message: `Injected KVS timeout on ${operation}; the request lands in ${lateMs} ms` } };
    }
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.status) return { status: fault.status, body: { code: 'INJECTED_FAULT', message: `Injected KVS failure ${fault.status} on ${operation}` } };
    return handleKvsRequest(store, path, body, Date.now());
  };
}
