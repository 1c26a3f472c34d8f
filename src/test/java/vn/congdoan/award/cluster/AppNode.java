package vn.congdoan.award.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import vn.congdoan.award.AwardApplication;
import vn.congdoan.award.notification.TestMailServer;

/**
 * The application in a JVM of its own, started from the test classpath, for the tests that kill it
 * ({@code kill -9}) or run two nodes on one database. Its output goes to {@code target/nodes/<name>.log}
 * (appended at every start); {@link #call} speaks to its REST API over HTTP Basic.
 */
public final class AppNode implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final int port = TestMailServer.freePort();
  private final List<String> arguments;
  private final Path log;
  private volatile Process process;

  public AppNode(String name, List<String> arguments) throws IOException {
    this.name = name;
    this.arguments = List.copyOf(arguments);
    Files.createDirectories(Path.of("target", "nodes"));
    this.log = Path.of("target", "nodes", name + ".log");
    Files.deleteIfExists(log);
  }

  /**
   * The arguments of a node on PostgreSQL at {@code jdbcUrl} that sends to {@code mail} (with its journal),
   * with the demo users, on the real clock, polling and timing out quickly; {@code extra} ones replace those
   * of the same name.
   */
  public static List<String> onPostgres(String jdbcUrl, TestMailServer mail, String... extra) {
    List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres",
        "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres", "--spring.datasource.hikari.connection-timeout=5000",
        "--award.organization.demo-enabled=true", "--award.demo.nominations=false",
        "--award.organization.rounds=classpath:data/rounds-always-open.yml",
        "--award.mail.delivery.poll-interval=200ms",
        "--camunda.bpm.job-execution.max-wait=1000",
        "--spring.mail.properties.mail.smtp.connectiontimeout=3000",
        "--spring.mail.properties.mail.smtp.timeout=3000",
        "--spring.mail.properties.mail.smtp.writetimeout=3000",
        "--award.mail.journal.imap.timeout-millis=3000"));
    arguments.addAll(mail.arguments());
    for (String override : extra) { // a name given twice would have both values
      String name = override.substring(0, override.indexOf('=') + 1);
      arguments.removeIf(argument -> argument.startsWith(name));
      arguments.add(override);
    }
    return arguments;
  }

  public synchronized void start() throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", // C1 only: it starts in half the time
        "-cp", System.getProperty("java.class.path"), AwardApplication.class.getName(), "--server.port=" + port));
    command.addAll(arguments);
    Files.writeString(log, "$ " + String.join(" ", command) + "\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    // its own working directory: nothing it writes or finds relative to it is the project's
    Path directory = Files.createDirectories(Path.of("target", "nodes", name));
    process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** Waits until the REST API answers an administrator (the engine, the users and the web server are up). */
  public void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive()) {
        throw new IllegalStateException(name + " died while starting; see " + log.toAbsolutePath() + ":\n" + tail());
      }
      try {
        if (call("admin", "GET", "/engine-rest/user/count", null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // the web server is not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(name + " did not start within " + timeout + "; see " + log.toAbsolutePath());
  }

  /** Waits until the node has logged {@code text} (since it was created). */
  public void awaitLog(String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.readString(log).contains(text)) {
      if (!alive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not log '" + text + "'; see " + log.toAbsolutePath());
      }
      Thread.sleep(250);
    }
  }

  /** {@code kill -9}: no shutdown hook, no commit, no goodbye to the SMTP server. */
  public void kill() {
    Process running = process;
    if (running != null && running.isAlive()) {
      running.destroyForcibly();
      try {
        running.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public boolean alive() {
    Process running = process;
    return running != null && running.isAlive();
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /** A request as {@code user} (password {@code demo}); {@code body} is sent as JSON. */
  public HttpResponse<String> call(String user, String method, String path, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** As {@link #call}, expecting a 2xx answer. */
  public JsonNode json(String user, String method, String path, Object body) throws IOException, InterruptedException {
    HttpResponse<String> response = call(user, method, path, body);
    if (response.statusCode() / 100 != 2) {
      throw new IOException(method + " " + path + " as " + user + " on " + name + ": " + response.statusCode() + " "
          + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  public String tail() throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  @Override
  public void close() {
    kill();
  }
}
