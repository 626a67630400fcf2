import { Redis, type RedisOptions } from 'ioredis';
import { InputError } from '../scenario/errors.js';

/** The URL with its password replaced, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}

/** Checks `redis://[user:password@]HOST:PORT[/DB]` or `rediss://...` (TLS). Throws InputError naming the option. */
export function checkRedisUrl(url: string, option: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new InputError(option, '', `expected redis://HOST:PORT[/DB] or rediss://..., got ${JSON.stringify(redactUrl(url))}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new InputError(option, '', `expected a redis:// or rediss:// URL, got ${u.protocol}//`);
  if (!u.hostname) throw new InputError(option, '', 'the URL has no host');
  if (u.pathname && u.pathname !== '/' && !/^\/\d+$/.test(u.pathname)) throw new InputError(option, '', `expected /DB to be a database number, got ${JSON.stringify(u.pathname)}`);
}

/** A connection for BullMQ (which needs `maxRetriesPerRequest: null`): it reconnects on its own after a loss. */
export function connectRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (n) => Math.min(200 * n, 2000), ...extra });
}

/**
 * Connects once, with no retry, and pings: a clear InputError (exit 2) when Redis cannot be reached or
 * refuses the password, instead of a client that retries in silence.
 */
export async function probeRedis(url: string, option: string, timeoutMs = 5000): Promise<string> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  let first: NodeJS.ErrnoException | null = null; // the socket's error says more than the "closed" that follows it
  client.on('error', (e: NodeJS.ErrnoException) => { first ??= e; });
  try {
    await client.connect();
    await client.ping();
    const info = await client.info('server');
    return /run_id:(\w+)/.exec(info)?.[1] ?? '';
  } catch (err) {
    const e = (first ?? err) as NodeJS.ErrnoException;
    const why = e.code ?? e.message;
    const hint = /NOAUTH|WRONGPASS|invalid password/i.test(e.message) ? 'give the password in the URL (redis://:PASSWORD@HOST:PORT)' : 'start it, or check the host and port';
    throw new InputError(option, '', `cannot reach Redis at ${redactUrl(url)} (${why}); ${hint}`);
  } finally {
    client.disconnect();
  }
}
