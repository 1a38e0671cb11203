package io.trackguard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of the test's own: three {@code redis-server --cluster-enabled yes}
 * masters on free ports in a temporary folder, joined by {@code redis-cli --cluster create}
 * (16384 slots split three ways, no replicas). The machine's Redis on 6379 is never touched.
 * Points the Quarkus Redis client at it as {@code client-type=cluster}; stopped and deleted after.
 */
public class RedisClusterNodes implements QuarkusTestResourceLifecycleManager {

    private static final int NODES = 3;

    private final List<Process> processes = new ArrayList<>();
    /** The running nodes' ports (one cluster per test JVM at a time). */
    private static final List<Integer> ports = new ArrayList<>();
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("redis-cluster");
            for (int i = 0; i < NODES; i++) {
                int port = freePort();
                Path node = Files.createDirectory(dir.resolve(String.valueOf(port)));
                processes.add(new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--cluster-enabled", "yes", "--cluster-config-file", node.resolve("nodes.conf").toString(),
                        "--dir", node.toString(), "--save", "", "--appendonly", "no")
                        .redirectErrorStream(true).redirectOutput(node.resolve("redis.log").toFile()).start());
                ports.add(port);
            }
            for (int port : ports) {
                awaitOutput(List.of("redis-cli", "-p", String.valueOf(port), "ping"), "PONG");
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            ports.forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            for (int port : ports) {
                awaitOutput(List.of("redis-cli", "-p", String.valueOf(port), "cluster", "info"), "cluster_state:ok");
            }
        } catch (IOException | InterruptedException e) {
            stop();
            throw new IllegalStateException("could not start a Redis Cluster", e);
        }
        return Map.of("quarkus.redis.client-type", "cluster",
                "quarkus.redis.hosts", ports.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(",")));
    }

    /** A port free for the client and for the cluster bus (the port + 10000). */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            try (ServerSocket client = new ServerSocket(port); ServerSocket bus = new ServerSocket(port + 10_000)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port pair for a cluster node");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static void awaitOutput(List<String> command, String expected) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            try {
                last = run(command);
                if (last.contains(expected)) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(100);
        }
        throw new IOException(String.join(" ", command) + " never answered " + expected + ": " + last);
    }

    /** Empties every node's script cache, as restarts would (a keyless SCRIPT FLUSH through the client reaches one node). */
    public static void forgetScripts() {
        try {
            for (int port : ports) {
                run(List.of("redis-cli", "-p", String.valueOf(port), "script", "flush"));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not flush the nodes' scripts", e);
        }
    }

    @Override
    public void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        ports.clear();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temp folder left behind is harmless
            }
        }
    }
}
