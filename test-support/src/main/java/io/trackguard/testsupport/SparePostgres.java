package io.trackguard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A PostgreSQL of the test's own (initdb in a temporary directory, a free port), which the test
 * may stop, start again and freeze. The machine's own PostgreSQL is never touched. PostgreSQL
 * refuses to run as root, so the server runs as the OS user postgres when the test runs as root.
 * What a service needs in it comes from the init arguments (a {@code TestResourceEntry}'s): each
 * {@code role.<name>=<password>} a login role, {@code database} the database the datasource
 * points at, owned by the role {@code owner}.
 */
public class SparePostgres implements QuarkusTestResourceLifecycleManager {

    private static Path dir;
    private static int port;
    private final Map<String, String> roles = new TreeMap<>();
    private String database;
    private String owner;

    @Override
    public void init(Map<String, String> initArgs) {
        initArgs.forEach((key, value) -> {
            if (key.startsWith("role.")) {
                roles.put(key.substring("role.".length()), value);
            }
        });
        database = Objects.requireNonNull(initArgs.get("database"), "init argument database");
        owner = Objects.requireNonNull(initArgs.get("owner"), "init argument owner");
    }

    @Override
    public Map<String, String> start() {
        port = Ports.free();
        try {
            dir = Files.createTempDirectory("spare-postgres");
            run(List.of("chown", "postgres", dir.toString()), true);
            pg(List.of("initdb", "-D", data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"));
            startServer();
            try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
                 Statement s = c.createStatement()) {
                for (Map.Entry<String, String> role : roles.entrySet()) {
                    s.execute("CREATE ROLE " + role.getKey() + " LOGIN PASSWORD '" + role.getValue().replace("'", "''") + "'");
                }
                s.execute("CREATE DATABASE " + database + " OWNER " + owner);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start a PostgreSQL of the test's own", e);
        }
        return Map.of("quarkus.datasource.jdbc.url", url(database));
    }

    /** Stops this PostgreSQL at once, as a crash would (open connections break). */
    public static void stopServer() throws IOException {
        pg(List.of("pg_ctl", "-D", data(), "-m", "immediate", "-w", "stop"));
    }

    public static void startServer() throws IOException {
        pg(List.of("pg_ctl", "-D", data(), "-l", dir.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** Freezes the server and every backend (SIGSTOP): connections stay open and nothing answers, as with a hung host. */
    public static void freeze() throws IOException {
        signalAll("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public static void thaw() throws IOException {
        signalAll("-CONT");
    }

    private static void signalAll(String signal) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(Path.of(data(), "postmaster.pid")).get(0).trim());
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(postmaster)));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
        run(command, true);
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static String data() {
        return dir.resolve("data").toString();
    }

    private static void pg(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.add(binary(command.get(0)));
        full.addAll(command.subList(1, command.size()));
        run(full, true);
    }

    /** The newest PostgreSQL's binaries under /usr/lib/postgresql/N/bin (Debian), else the PATH. */
    private static String binary(String name) throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                return versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                        .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString())))
                        .map(Path::toString).orElse(name);
            }
        }
        return name;
    }

    private static void run(List<String> command, boolean mustSucceed) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
            if (p.waitFor() != 0 && mustSucceed) {
                throw new IOException(command.get(0) + " failed, see " + dir.resolve("commands.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try {
            thaw();
        } catch (IOException | RuntimeException ignored) {
            // not frozen, or not running
        }
        try {
            stopServer();
        } catch (IOException ignored) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
