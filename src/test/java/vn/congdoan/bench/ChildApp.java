package vn.congdoan.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spring Boot application run as a separate JVM from the current classpath, so that it can be measured
 * (its own heap and resident memory) and stopped like a real process.
 */
final class ChildApp implements AutoCloseable {
  final String name;
  final int port;
  final Process process;
  final Path log;

  private ChildApp(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts {@code mainClass} with the JVM options and program arguments, and waits until {@code readyPath} answers. */
  static ChildApp start(String name, String mainClass, List<String> jvmOptions, List<String> args, String readyPath)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.add("--server.port=" + port);
    command.addAll(args);
    Path log = Files.createTempFile("bench-" + name + "-", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ChildApp app = new ChildApp(name, port, process, log);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(name + " exited during start; log: " + log + "\n" + tail(log));
            }
            try {
              return http.send(HttpRequest.newBuilder(URI.create(app.url(readyPath))).GET().build(),
                  HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
            } catch (IOException notYet) {
              return false; // still starting
            }
          });
      return app;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      app.close();
      throw new IllegalStateException(name + " did not start in 3 minutes; log: " + log);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Resident set size in MiB, from /proc (Linux). */
  long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** CPU time this process has used so far, in milliseconds (Linux /proc; user + system). */
  long cpuMillis() {
    return ProcessCpu.millis(process.pid(), false);
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
