package vn.congdoan.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of a full nomination against bare Camunda, in one run on one PostgreSQL server: both
 * applications run as their own JVMs with the same memory settings; client threads drive N instances of
 * the provincial path (Bằng khen of the province: chair, superior vetting, secretariat, public-notice
 * timer, council ballot, standing committee, async decision) through the REST API as the right users,
 * claiming each task as Tasklist does; the timer is executed by the administrator through the REST API,
 * the async decision is left to each application's job executor. Rounds alternate bare / application.
 *
 * <p>Prints, per round and application: instances per second, p50 / p95 of start, task query, claim and
 * complete, resident memory; then the ratio application / bare. Not a test: figures only.
 *
 * <pre>./mvnw -Pbenchmark verify -Dbench.instances=300 -Dbench.threads=4 -Dbench.rounds=2</pre>
 */
public final class ThroughputBenchmark {
  static final List<String> JVM = List.of("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:MaxMetaspaceSize=256m",
      "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

  /** One application under measurement: how it names its process and steps. */
  record Target(String name, ChildApp app, String processKey, String database) {}

  final Map<String, RestDriver> drivers = new ConcurrentHashMap<>();
  final EmbeddedPostgres postgres;

  ThroughputBenchmark(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** What one round cost: CPU of the application and of PostgreSQL, and the database's work. */
  record Cost(long appCpuMs, long dbCpuMs, long commits, long rowsWritten) {
    Cost minus(Cost before) {
      return new Cost(appCpuMs - before.appCpuMs, dbCpuMs - before.dbCpuMs, commits - before.commits,
          rowsWritten - before.rowsWritten);
    }
  }

  /** Rows inserted / updated / deleted per instance in the tables the application writes most. */
  void printTableWrites(Target target, int instances) throws Exception {
    System.out.printf(Locale.ROOT, "%s: rows per instance (inserted / updated / deleted), busiest tables:%n", target.name());
    try (Connection c = postgres.getDatabase("postgres", target.database()).getConnection();
        var rs = c.createStatement().executeQuery("select relname, n_tup_ins, n_tup_upd, n_tup_del from "
            + "pg_stat_user_tables order by n_tup_ins + n_tup_upd + n_tup_del desc limit 14")) {
      while (rs.next()) {
        System.out.printf(Locale.ROOT, "    %-28s %6.1f / %6.1f / %6.1f%n", rs.getString(1),
            rs.getLong(2) / (double) instances, rs.getLong(3) / (double) instances, rs.getLong(4) / (double) instances);
      }
    }
  }

  Cost cost(Target target) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        var rs = c.createStatement().executeQuery("select xact_commit, tup_inserted + tup_updated + tup_deleted "
            + "from pg_stat_database where datname = '" + target.database() + "'")) {
      rs.next();
      return new Cost(target.app().cpuMillis(), ProcessCpu.postgresMillis(), rs.getLong(1), rs.getLong(2));
    }
  }

  public static void main(String[] args) throws Exception {
    quietLogs();
    int instances = Integer.getInteger("bench.instances", 300);
    int threads = Integer.getInteger("bench.threads", 4);
    int rounds = Integer.getInteger("bench.rounds", 2);
    int warmup = Integer.getInteger("bench.warmup", 30);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("create database award");
        c.createStatement().execute("create database bare");
      }
      GreenMail smtp = new GreenMail(new ServerSetup(ChildApp.freePort(), "127.0.0.1", "smtp"));
      smtp.start();
      try (ChildApp bare = ChildApp.start("bare", BareCamundaApplication.class.getName(), JVM,
              database(postgres, "bare"), "/engine-rest/engine");
          ChildApp award = ChildApp.start("award", "vn.congdoan.award.AwardApplication", profiled(JVM, "award"),
              awardArguments(postgres, smtp), "/engine-rest/engine")) {
        Target b = new Target("bare Camunda", bare, "bare-path", "bare");
        Target a = new Target("this project", award, "award-nomination", "award");
        ThroughputBenchmark bench = new ThroughputBenchmark(postgres);
        System.out.printf(Locale.ROOT, "%nThroughput benchmark: %d instances per round, %d client threads, %d rounds, "
            + "JVM %s, PostgreSQL %s%n", instances, threads, rounds, String.join(" ", JVM), postgresVersion(postgres));
        bench.run(b, warmup, threads);
        bench.run(a, warmup, threads);
        List<double[]> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          Result rb = bench.run(b, instances, threads);
          Result ra = bench.run(a, instances, threads);
          rb.print(round, bare);
          ra.print(round, award);
          ratios.add(new double[] {ra.perSecond / rb.perSecond});
          System.out.printf(Locale.ROOT, "round %d: ratio this project / bare = %.2f%n", round, ra.perSecond / rb.perSecond);
        }
        for (Target t : List.of(b, a)) {
          bench.printTableWrites(t, (warmup + instances * rounds));
        }
        System.out.printf(Locale.ROOT, "ratio over %d rounds: %.2f (min %.2f)%n", rounds,
            ratios.stream().mapToDouble(r -> r[0]).average().orElse(0),
            ratios.stream().mapToDouble(r -> r[0]).min().orElse(0));
      } finally {
        smtp.stop();
      }
    }
  }

  /**
   * The JVM options, plus a Java Flight Recorder recording of the whole run into
   * {@code <bench.profile>/<name>.jfr} when {@code -Dbench.profile=<directory>} is given (read it with
   * {@code jfr print --events jdk.ExecutionSample} or JDK Mission Control).
   */
  static List<String> profiled(List<String> jvm, String name) {
    String dir = System.getProperty("bench.profile", "");
    if (dir.isBlank()) {
      return jvm;
    }
    List<String> options = new ArrayList<>(jvm);
    options.add("-XX:StartFlightRecording=settings=profile,filename="
        + java.nio.file.Path.of(dir, name + ".jfr").toAbsolutePath() + ",dumponexit=true");
    return options;
  }

  /** The benchmark's own JVM logs warnings only (embedded PostgreSQL and GreenMail are chatty). */
  static void quietLogs() {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }

  static String postgresVersion(EmbeddedPostgres postgres) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        var rs = c.createStatement().executeQuery("show server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  static List<String> database(EmbeddedPostgres postgres, String name) {
    return List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", name),
        "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
  }

  static List<String> awardArguments(EmbeddedPostgres postgres, GreenMail smtp) {
    List<String> args = new ArrayList<>(database(postgres, "award"));
    args.addAll(List.of("--spring.profiles.active=postgres", "--award.demo.nominations=false",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
        "--award.mail.embedded-server=false", "--logging.level.root=warn"));
    // more application arguments to compare settings, '|'-separated: -Dbench.awardArgs="--a=b|--c=d"
    for (String extra : System.getProperty("bench.awardArgs", "").split("\\|")) {
      if (!extra.isBlank()) {
        args.add(extra.trim());
      }
    }
    return args;
  }

  /** The figures of one round on one application. */
  final class Result {
    final Target target;
    final int instances;
    final double seconds;
    final double perSecond;
    final Map<String, List<Long>> calls;

    final Cost cost;

    Result(Target target, int instances, double seconds, Map<String, List<Long>> calls, Cost cost) {
      this.target = target;
      this.cost = cost;
      this.instances = instances;
      this.seconds = seconds;
      this.perSecond = instances / seconds;
      this.calls = calls;
    }

    void print(int round, ChildApp app) {
      System.out.printf(Locale.ROOT, "round %d %-13s %4d instances in %6.1f s = %5.2f instances/s, RSS %d MiB%n",
          round, target.name(), instances, seconds, perSecond, app.rssMiB());
      System.out.printf(Locale.ROOT, "    per instance: application CPU %5.0f ms, PostgreSQL CPU %5.0f ms, %5.1f commits, "
          + "%6.1f rows written%n", cost.appCpuMs() / (double) instances, cost.dbCpuMs() / (double) instances,
          cost.commits() / (double) instances, cost.rowsWritten() / (double) instances);
      calls.forEach((call, times) -> System.out.printf(Locale.ROOT, "    %-9s n=%5d p50 %6.1f ms  p95 %6.1f ms%n",
          call, times.size(), RestDriver.percentile(times, 50), RestDriver.percentile(times, 95)));
    }
  }

  Result run(Target target, int instances, int threads) throws Exception {
    Map<String, List<Long>> latencies = drivers.computeIfAbsent(target.name(), n -> new RestDriver(target.app())).latencies;
    latencies.clear();
    Cost before = cost(target);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      futures.add(pool.submit(() -> {
        nomination(target);
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, List<Long>> calls = new LinkedHashMap<>();
    for (String call : List.of("start", "tasks", "claim", "complete")) {
      calls.put(call, List.copyOf(latencies.getOrDefault(call, List.of())));
    }
    // pg_stat_database is updated when a backend reports (at most every 500 ms), and the round's last
    // asynchronous work (mails) may still run: wait until the figures stand still
    java.util.concurrent.atomic.AtomicReference<Cost> last = new java.util.concurrent.atomic.AtomicReference<>(cost(target));
    try {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
          .pollDelay(java.time.Duration.ofSeconds(1)).pollInterval(java.time.Duration.ofSeconds(1))
          .until(() -> cost(target), now -> {
            Cost previous = last.getAndSet(now);
            return now.commits() == previous.commits() && now.rowsWritten() == previous.rowsWritten();
          });
    } catch (org.awaitility.core.ConditionTimeoutException stillMoving) {
      // the application's pollers commit now and then: after 20 s the last figures are taken as they are
    }
    return new Result(target, instances, seconds, calls, last.get().minus(before));
  }

  void nomination(Target target) throws Exception {
    RestDriver rest = drivers.computeIfAbsent(target.name(), n -> new RestDriver(target.app()));
    String pi = NominationDriver.start(rest, target.processKey());
    NominationDriver.drive(rest, pi, NominationDriver.pathLength(target.processKey()), target.processKey());
    NominationDriver.awaitEnded(rest, pi);
  }
}
