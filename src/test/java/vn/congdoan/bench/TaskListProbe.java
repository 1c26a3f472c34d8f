package vn.congdoan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A reviewer's task list at province scale: seeds {@code scale.open} open nominations spread over the steps
 * of the provincial path and {@code scale.finished} finished ones (copies of real instances, see
 * {@link InstanceCloner}; most copies belong to other grassroots units), then asks each role's Tasklist
 * filters for their first page exactly as Tasklist does (HAL list of 15 with the filter's variables, and the
 * count) with authorization on, and prints p50 / p95 per role and filter. Not a test: figures only.
 *
 * <pre>./mvnw -Pbenchmark verify -Dbench.main=vn.congdoan.bench.TaskListProbe -Dscale.open=20000 -Dscale.finished=300000</pre>
 */
public final class TaskListProbe {
  private static final String AWARD = NominationDriver.AWARD_PROCESS;
  static final List<String> ROLES = List.of("chutich.bvdk", "thamdinh.yte", "thuky.tinh", "hoidong.tinh",
      "thuongvu.tinh", "lap.bvdk");
  /** The body Tasklist posts with a filter's list and count. */
  static final Map<String, Object> TASKLIST_QUERY = Map.of("processVariables", List.of(), "taskVariables", List.of(),
      "caseInstanceVariables", List.of(), "sorting", List.of(Map.of("sortBy", "created", "sortOrder", "desc")));

  public static void main(String[] args) throws Exception {
    ThroughputBenchmark.quietLogs();
    int open = Integer.getInteger("scale.open", 20_000);
    int finished = Integer.getInteger("scale.finished", 300_000);
    int samples = Integer.getInteger("probe.samples", 100);
    int slowMs = Integer.getInteger("probe.slowMs", -1);
    // statements slower than probe.slowMs are logged with their parameters to the server's log directory
    // (printed below)
    EmbeddedPostgres.Builder builder = throwAwayPostgres();
    if (slowMs >= 0) {
      builder.setServerConfig("logging_collector", "on").setServerConfig("log_min_duration_statement",
          Integer.toString(slowMs));
    }
    try (EmbeddedPostgres postgres = builder.start()) {
      GreenMail smtp = smtp();
      try (ChildApp award = startAward(postgres, smtp)) {
        RestDriver rest = new RestDriver(award);
        // templates: one nomination waiting at each step, one awarded, one rejected by the chair
        List<String> openTemplates = new ArrayList<>();
        // the awarded one first: its session takes every nomination waiting for one
        String awarded = NominationDriver.start(rest, AWARD);
        NominationDriver.drive(rest, awarded, NominationDriver.pathLength(AWARD), AWARD);
        // (the council's and the standing committee's tasks are a session's, not a nomination's: not copied)
        for (int stop = 0; stop < NominationDriver.pathLength(AWARD); stop++) {
          String pi = NominationDriver.start(rest, AWARD);
          NominationDriver.drive(rest, pi, stop, AWARD);
          openTemplates.add(pi);
        }
        String rejected = NominationDriver.start(rest, "award-nomination");
        NominationDriver.complete(rest, rejected, new NominationDriver.Step("grassrootsApproval", "chutich.bvdk",
            Map.of("grassrootsApprovalOutcome", "reject", "grassrootsApprovalReason", "Chưa đủ tiêu chuẩn.")));
        NominationDriver.awaitEnded(rest, awarded); // its decision is left to the job executor
        NominationDriver.awaitEnded(rest, rejected);

        long t0 = System.nanoTime();
        // copies in batches, on as many connections as the machine has cores (each statement uses one)
        List<Object[]> batches = new ArrayList<>();
        int perStep = open / openTemplates.size();
        int batch = 5_000;
        for (String template : openTemplates) {
          for (int done = 0; done < perStep; done += batch) {
            batches.add(new Object[] {template, Math.min(batch, perStep - done), done});
          }
        }
        for (int done = 0; done < finished; done += batch) {
          // three in four finished nominations were awarded, one in four rejected early
          String template = (done / batch) % 4 == 3 ? rejected : awarded;
          batches.add(new Object[] {template, Math.min(batch, finished - done), done});
        }
        int connections = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<Long>> copied = new ArrayList<>();
        ThreadLocal<InstanceCloner> cloners = new ThreadLocal<>();
        for (Object[] b : batches) {
          copied.add(pool.submit(() -> {
            if (cloners.get() == null) {
              cloners.set(new InstanceCloner(postgres.getDatabase("postgres", "award").getConnection()));
            }
            return cloners.get().copy((String) b[0], (Integer) b[1], (Integer) b[2], "cs_bvdk_tinh", 50, 700);
          }));
        }
        long rows = 0;
        for (Future<Long> f : copied) {
          rows += f.get();
        }
        pool.shutdown();
        try (Connection db = postgres.getDatabase("postgres", "award").getConnection();
            Statement s = db.createStatement()) {
          s.execute("vacuum analyze");
        }
        System.out.printf(Locale.ROOT, "%nseeded %d open and %d finished nominations: %d rows in %.0f s%n",
            open, finished, rows, (System.nanoTime() - t0) / 1e9);
        probe(rest, samples);
        if (slowMs >= 0) {
          try (Connection db = postgres.getDatabase("postgres", "award").getConnection();
              var rs = db.createStatement().executeQuery("show data_directory")) {
            rs.next();
            System.out.println("statements slower than " + slowMs + " ms: " + rs.getString(1) + "/log");
          }
        }
        holdIfAsked(postgres);
      } finally {
        smtp.stop();
      }
    }
  }

  /** An SMTP server for the application's mails, started. */
  static GreenMail smtp() throws java.io.IOException {
    GreenMail smtp = new GreenMail(new ServerSetup(ChildApp.freePort(), "127.0.0.1", "smtp"));
    smtp.start();
    return smtp;
  }

  /** The application in a JVM of its own on a new database "award" of this server, mailing to {@code smtp}. */
  static ChildApp startAward(EmbeddedPostgres postgres, GreenMail smtp) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("create database award");
    }
    return ChildApp.start("award", "vn.congdoan.award.AwardApplication", ThroughputBenchmark.JVM,
        ThroughputBenchmark.awardArguments(postgres, smtp), "/engine-rest/engine");
  }

  /** With -Dprobe.hold=N, keeps the seeded database up N seconds, to look at plans with psql on the printed URL. */
  static void holdIfAsked(EmbeddedPostgres postgres) throws InterruptedException {
    int holdSeconds = Integer.getInteger("probe.hold", 0);
    if (holdSeconds > 0) {
      System.out.printf(Locale.ROOT, "holding for %d s: %s%n", holdSeconds, postgres.getJdbcUrl("postgres", "award"));
      Thread.sleep(holdSeconds * 1000L);
    }
  }

  /** A throw-away database: no crash safety needed while seeding (fsync off, minimal WAL). */
  static EmbeddedPostgres.Builder throwAwayPostgres() {
    return EmbeddedPostgres.builder().setServerConfig("shared_buffers", "1GB")
        .setServerConfig("max_wal_size", "8GB").setServerConfig("synchronous_commit", "off")
        .setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off")
        .setServerConfig("wal_level", "minimal").setServerConfig("max_wal_senders", "0")
        .setServerConfig("maintenance_work_mem", "512MB").setServerConfig("work_mem", "16MB");
  }

  /**
   * Each role's filters, as Tasklist asks them (its session, the webapps' engine API, HAL list of 15 with the
   * cards' variables, and the count) and, for comparison, through the REST API with HTTP Basic (which checks
   * the password and reads the user's groups on every call).
   */
  static void probe(RestDriver rest, int samples) throws Exception {
    System.out.printf(Locale.ROOT, "Tasklist filter queries, authorization on, %d samples each (after 10 warm-up):%n",
        samples);
    String query = RestDriver.JSON.writeValueAsString(TASKLIST_QUERY);
    for (String user : ROLES) {
      JsonNode filters = rest.call(null, user, "GET", "/engine-rest/filter?resourceType=Task", null);
      vn.congdoan.award.web.TasklistSession session = vn.congdoan.award.web.TasklistSession.login(rest.app.port, user);
      for (JsonNode filter : filters) {
        String id = filter.path("id").asText();
        String list = "/filter/" + id + "/list?firstResult=0&maxResults=15";
        String count = "/filter/" + id + "/count";
        String key = user + " / " + filter.path("name").asText();
        for (int i = 0; i < samples + 10; i++) {
          timed(rest, i < 10 ? null : key + " list", () -> expectOk(session.send("POST",
              vn.congdoan.award.web.TasklistSession.ENGINE + list, "application/json", query, "application/hal+json")));
          timed(rest, i < 10 ? null : key + " count", () -> expectOk(session.send("POST",
              vn.congdoan.award.web.TasklistSession.ENGINE + count, "application/json", query)));
          rest.call(i < 10 ? null : key + " list (REST, Basic)", user, "POST", "/engine-rest" + list, TASKLIST_QUERY,
              "application/hal+json");
          rest.call(i < 10 ? null : key + " count (REST, Basic)", user, "POST", "/engine-rest" + count, TASKLIST_QUERY);
        }
        JsonNode total = rest.call(null, user, "POST", "/engine-rest" + count, TASKLIST_QUERY);
        for (String what : List.of(" list", " count", " list (REST, Basic)", " count (REST, Basic)")) {
          List<Long> times = rest.latencies.get(key + what);
          System.out.printf(Locale.ROOT, "  %-68s %5d tasks  p50 %6.1f ms  p95 %6.1f ms%n", key + what,
              total.path("count").asLong(), RestDriver.percentile(times, 50), RestDriver.percentile(times, 95));
        }
      }
    }
  }

  private static void timed(RestDriver rest, String measured, Runnable call) {
    long t0 = System.nanoTime();
    call.run();
    if (measured != null) {
      rest.latencies.computeIfAbsent(measured, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(System.nanoTime() - t0);
    }
  }

  private static void expectOk(java.net.http.HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Tasklist call " + response.request().uri() + ": " + response.statusCode()
          + " " + response.body());
    }
  }
}
