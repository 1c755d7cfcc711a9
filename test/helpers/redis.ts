import Redis from 'ioredis';

/** Deletes every key under a prefix: what a Redis that lost its data looks like to one deployment. */
export async function deleteKeysWithPrefix(prefix: string, url = 'redis://127.0.0.1:6379'): Promise<number> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
