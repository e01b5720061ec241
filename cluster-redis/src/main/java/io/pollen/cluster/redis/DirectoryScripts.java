package io.pollen.cluster.redis;

/**
 * The Lua scripts that change the directory atomically, so that a node never removes an entry a newer
 * owner wrote. Each runs on one Redis (no cluster-mode slot rules: the keys of one call are not all
 * declared). Constants; safe from any thread.
 */
final class DirectoryScripts {
    private DirectoryScripts() {
    }

    /**
     * Takes an id for a node. KEYS: session key, the node's id set. ARGV: node, id.
     * Returns the previous owner, or false.
     */
    static final String CLAIM = """
            local previous = redis.call('GET', KEYS[1])
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[2])
            return previous
            """;

    /**
     * Takes many ids for a node at once (a batch of {@link DirectoryChanges}). KEYS: the node's id set.
     * ARGV: node, session key prefix, then the ids. Returns the previous owner of each id, in order, or
     * an empty string where there was none.
     */
    static final String CLAIM_MANY = """
            local previous = {}
            for i = 3, #ARGV do
              local key = ARGV[2] .. ARGV[i]
              previous[#previous + 1] = redis.call('GET', key) or ''
              redis.call('SET', key, ARGV[1])
              redis.call('SADD', KEYS[1], ARGV[i])
            end
            return previous
            """;

    /**
     * Gives many ids up at once, each entry deleted only if it still names the node. KEYS, ARGV as
     * {@link #CLAIM_MANY}. Returns how many entries it deleted.
     */
    static final String RELEASE_MANY = """
            local deleted = 0
            for i = 3, #ARGV do
              local key = ARGV[2] .. ARGV[i]
              redis.call('SREM', KEYS[1], ARGV[i])
              if redis.call('GET', key) == ARGV[1] then
                redis.call('DEL', key)
                deleted = deleted + 1
              end
            end
            return deleted
            """;

    /**
     * Routes a call in one round trip: looks up the node holding an id and publishes the call on that
     * node's channel. KEYS: the session key. ARGV: the call channel prefix, the call. Returns the
     * holding node, or false if none holds the id (and nothing was published).
     */
    static final String ROUTE = """
            local owner = redis.call('GET', KEYS[1])
            if not owner then return false end
            redis.call('PUBLISH', ARGV[1] .. owner, ARGV[2])
            return owner
            """;

    /**
     * Takes an id only if no node holds it (re-registration after Redis lost it). KEYS, ARGV as
     * {@link #CLAIM}. Returns the owner now: ARGV[1] if this node took it or already had it.
     */
    static final String RECLAIM = """
            local owner = redis.call('GET', KEYS[1])
            if owner and owner ~= ARGV[1] then return owner end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[2])
            return ARGV[1]
            """;

    /**
     * Gives an id up: the entry is deleted only if it still names the node. KEYS, ARGV as
     * {@link #CLAIM}. Returns 1 if it was deleted.
     */
    static final String RELEASE = """
            redis.call('SREM', KEYS[2], ARGV[2])
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0
            """;

    /**
     * Purges a node whose heartbeat is gone: each of its ids whose entry still names it, its id set,
     * its name in the node set. Refuses (-1) if its heartbeat is back. KEYS: heartbeat, id set, node
     * set. ARGV: node, session key prefix. Returns how many entries it deleted.
     */
    static final String PURGE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
            local purged = 0
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              local key = ARGV[2] .. id
              if redis.call('GET', key) == ARGV[1] then
                redis.call('DEL', key)
                purged = purged + 1
              end
            end
            redis.call('DEL', KEYS[2])
            redis.call('SREM', KEYS[3], ARGV[1])
            return purged
            """;
}
