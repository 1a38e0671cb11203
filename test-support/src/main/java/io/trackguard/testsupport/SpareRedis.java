package io.trackguard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Redis of the test's own on a spare port, which the test may stop, start again and freeze
 * mid-way; the machine's Redis on 6379 is never touched. Without persistence by default: started
 * again after {@link #kill()}, it is empty. With the init argument {@code appendonly=yes} (a
 * {@code TestResourceEntry}'s arguments) it keeps an append-only file, as Redis runs in the
 * deployments, and comes back after a kill with everything it had acknowledged.
 */
public class SpareRedis implements QuarkusTestResourceLifecycleManager {

    private static Process process;
    private static int port;
    private static Path dir;
    private static boolean appendOnly;

    @Override
    public void init(Map<String, String> initArgs) {
        appendOnly = "yes".equals(initArgs.get("appendonly"));
    }

    @Override
    public Map<String, String> start() {
        port = Ports.free();
        try {
            dir = Files.createTempDirectory("spare-redis");
            launch();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
    }

    /** Starts this Redis again on the same port after {@link #kill()}: empty, or with its append-only file read back. */
    public static void restart() throws IOException, InterruptedException {
        launch();
    }

    private static void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "everysec", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile())).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("redis-server did not listen on " + port + " within 10 s; see " + dir.resolve("redis.log"));
    }

    /** Freezes this Redis (SIGSTOP): connections stay open and nothing answers, as with a hung server. */
    public static void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen Redis go on (SIGCONT). */
    public static void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private static void signal(String which) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", which, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + which + " failed");
        }
    }

    /** Stops this Redis, as a crash would. */
    public static void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
