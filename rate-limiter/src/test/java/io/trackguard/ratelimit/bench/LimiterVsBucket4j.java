package io.trackguard.ratelimit.bench;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.trackguard.ratelimit.LimitCheck;
import io.trackguard.ratelimit.LimitDecision;
import io.trackguard.ratelimit.RateLimitPolicy;
import io.trackguard.ratelimit.RateLimiter;
import io.trackguard.ratelimit.RateLimiterConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * Decisions per second of our limiter against Bucket4j's Redis back end (Lettuce, the
 * compare-and-swap proxy manager), for the same policy on the same Redis: a rate of LIMIT/s
 * with a burst of BURST (GCRA for ours, a token bucket of capacity BURST refilled greedily at
 * LIMIT/s for Bucket4j: the same admitted traffic), KEYS keys picked at random by THREADS
 * concurrent callers, each decision blocking its caller as a request thread would be.
 * Run by bench/limiter-vs-bucket4j.sh; a test-scope class, never in a service.
 *
 * <p>Each library as its documentation sets it up: ours over the Vert.x client with the pool
 * the services use (64 connections), Bucket4j over one multiplexed Lettuce connection. The two
 * are measured in alternating rounds (ours, Bucket4j, Bucket4j, ours, ...), so that drift in
 * the machine's load falls on both alike.
 */
public final class LimiterVsBucket4j {

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }

    public static void main(String[] args) throws Exception {
        String redisUri = System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379");
        int limit = env("LIMIT", 100);
        int burst = env("BURST", 200);
        int keys = env("KEYS", 10_000);
        int threads = env("THREADS", 32);
        int seconds = env("ROUND_SECONDS", 10);
        int rounds = env("ROUNDS", 2);
        String prefix = "tg:bench:" + System.currentTimeMillis() + ":";

        Vertx vertx = Vertx.vertx();
        Redis vertxRedis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUri)
                .setMaxPoolSize(64).setMaxPoolWaiting(512));
        // a timeout no decision reaches: a slow answer is measured, never replaced by the in-process fallback
        RateLimiter ours = new RateLimiter(vertxRedis, config(prefix + "ours:", Duration.ofSeconds(30)), "standalone");
        RateLimitPolicy policy = RateLimitPolicy.rate("bench", limit, Duration.ofSeconds(1), burst);
        AtomicLong degraded = new AtomicLong();
        IntPredicate oursDecide = key -> {
            LimitDecision decision = ours.decide(LimitCheck.of(policy, "k" + key));
            if (decision.degraded()) {
                degraded.incrementAndGet();
            }
            return decision.allowed();
        };

        // Outside Quarkus, Mutiny's context propagation initialises itself at the first call, and
        // 32 first calls at once race (IllegalStateException "ContextManagerProvider already set"):
        // one call first, and the script loaded, before any caller starts.
        ours.warmUp(List.of(), Duration.ofSeconds(10));
        ours.decide(LimitCheck.of(policy, "first"));

        RedisClient lettuce = RedisClient.create(redisUri);
        StatefulRedisConnection<byte[], byte[]> connection = lettuce.connect(ByteArrayCodec.INSTANCE);
        ProxyManager<byte[]> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(burst).refillGreedy(limit, Duration.ofSeconds(1)))
                .build();
        BucketProxy[] proxies = new BucketProxy[keys];
        for (int k = 0; k < keys; k++) {
            proxies[k] = buckets.builder().build((prefix + "b4j:k" + k).getBytes(StandardCharsets.UTF_8), () -> configuration);
        }
        IntPredicate bucket4jDecide = key -> proxies[key].tryConsume(1);

        System.out.printf(Locale.ROOT, "policy: %d/s, burst %d; %d keys, %d callers, %d s per round, %d rounds each; %s%n",
                limit, burst, keys, threads, seconds, rounds, redisUri);
        // warm-up: JIT, connections, script cache
        run("warm-up ours", oursDecide, keys, threads, 3, false);
        run("warm-up bucket4j", bucket4jDecide, keys, threads, 3, false);
        degraded.set(0);
        List<double[]> oursRounds = new ArrayList<>();
        List<double[]> b4jRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                oursRounds.add(run("ours, round " + (r + 1), oursDecide, keys, threads, seconds, true));
                b4jRounds.add(run("bucket4j, round " + (r + 1), bucket4jDecide, keys, threads, seconds, true));
            } else {
                b4jRounds.add(run("bucket4j, round " + (r + 1), bucket4jDecide, keys, threads, seconds, true));
                oursRounds.add(run("ours, round " + (r + 1), oursDecide, keys, threads, seconds, true));
            }
        }
        double oursRate = oursRounds.stream().mapToDouble(x -> x[0]).average().orElse(0);
        double b4jRate = b4jRounds.stream().mapToDouble(x -> x[0]).average().orElse(0);
        System.out.printf(Locale.ROOT, "mean decisions/s: ours %.0f, bucket4j %.0f; ratio ours/bucket4j %.2f (target >= 1.0)%n",
                oursRate, b4jRate, oursRate / b4jRate);
        System.out.printf(Locale.ROOT, "mean p99 ms: ours %.2f, bucket4j %.2f%n",
                oursRounds.stream().mapToDouble(x -> x[2]).average().orElse(0),
                b4jRounds.stream().mapToDouble(x -> x[2]).average().orElse(0));
        System.out.println("degraded decisions of ours (decided in process, must be 0): " + degraded.get());

        connection.close();
        lettuce.shutdown();
        vertxRedis.close();
        vertx.closeAndAwait();
        // Mutiny's and Lettuce's executors keep non-daemon threads alive after the clients close
        System.exit(0);
    }

    /** Runs {@code decide} from {@code threads} callers for {@code seconds}; answers {decisions/s, p50 ms, p99 ms}. */
    private static double[] run(String label, IntPredicate decide, int keys, int threads, int seconds, boolean print)
            throws InterruptedException {
        long[][] samples = new long[threads][];
        int[] counts = new int[threads];
        long[] allowed = new long[threads];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long[] window = new long[2];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread caller = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                long ok = 0;
                try {
                    start.await();
                    long end = window[1];
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long now = System.nanoTime();
                    while (now < end) {
                        if (decide.test(random.nextInt(keys))) {
                            ok++;
                        }
                        long after = System.nanoTime();
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = after - now;
                        now = after;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    samples[id] = mine;
                    counts[id] = n;
                    allowed[id] = ok;
                    done.countDown();
                }
            }, "bench-caller-" + t);
            caller.setDaemon(true);
            caller.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + Duration.ofSeconds(seconds).toNanos();
        start.countDown();
        done.await();
        double elapsed = (System.nanoTime() - window[0]) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        double rate = total / elapsed;
        double p50 = total == 0 ? 0 : all[(int) (total * 0.50)] / 1e6;
        double p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))] / 1e6;
        if (print) {
            System.out.printf(Locale.ROOT, "| %-18s | %8.0f decisions/s | p50 %6.2f ms | p99 %6.2f ms | allowed %d of %d |%n",
                    label, rate, p50, p99, Arrays.stream(allowed).sum(), total);
        }
        return new double[] {rate, p50, p99};
    }

    private static RateLimiterConfig config(String keyPrefix, Duration timeout) {
        return new RateLimiterConfig() {
            @Override
            public String keyPrefix() {
                return keyPrefix;
            }

            @Override
            public String flagPrefix() {
                return keyPrefix + "flag:";
            }

            @Override
            public Duration redisTimeout() {
                return timeout;
            }

            @Override
            public double degradedFactor() {
                return 0.2;
            }

            @Override
            public int fallbackMaxKeys() {
                return 100_000;
            }

            @Override
            public Duration redisRetryAfterFailure() {
                return Duration.ofSeconds(2);
            }
        };
    }
}
