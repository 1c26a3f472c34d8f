package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import vn.congdoan.award.cluster.AppNode;
import vn.congdoan.award.cluster.Nominations;

/**
 * Nothing sent twice, nothing lost, under the faults that sent mails twice before: the application, a JVM
 * of its own on a real PostgreSQL and a real SMTP server with a journal mailbox (GreenMail), is killed with
 * {@code kill -9} {@value #KILLS} times while nominations are filed and decided through its REST API, and
 * started again each time; PostgreSQL is restarted {@value #DATABASE_RESTARTS} times while it sends.
 *
 * <p>The kills hit the worst moments on purpose, from inside the SMTP server: just after the server took a
 * mail and before the application heard so (the mail went out, its SENT mark never came); just before the
 * server would have taken one (it did not go out, it was marked SENDING); and at a random moment. The
 * database restarts hit just after the server took a mail, before its SENT mark. Prints its figures.
 */
class MailDeliveryFaultIT {
  static final int KILLS = 10;
  static final int DATABASE_RESTARTS = 3;
  static final Duration LOAD = Duration.ofSeconds(6);
  static final List<String> STEPS = List.of("grassrootsApproval", "superiorVetting", "superiorDecision");

  enum Fault { NONE, KILL_AFTER_THE_SERVER_TOOK_IT, KILL_BEFORE_THE_SERVER_TOOK_IT, RESTART_DATABASE }

  static {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    // the connections of killed nodes, which the SMTP server reports with a stack trace each
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.icegreen.greenmail")).setLevel(Level.OFF);
  }

  final TestMailServer mail = TestMailServer.startOnFreePorts();
  final AtomicReference<Fault> armed = new AtomicReference<>(Fault.NONE);
  final AtomicReference<CountDownLatch> faultDone = new AtomicReference<>(new CountDownLatch(1));
  final List<String> sentBeforeDatabaseRestart = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger filed = new AtomicInteger();
  volatile boolean loading = true;
  Path dataDirectory;
  int databasePort;
  volatile EmbeddedPostgres database;
  AppNode node;

  @Test
  void killedAndRestartedUnderLoadItSendsEveryMailExactlyOnce() throws Exception {
    dataDirectory = Files.createTempDirectory("award-fault-pg");
    databasePort = TestMailServer.freePort();
    startDatabase();
    JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(),
        database.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
    interceptDeliveries();
    node = new AppNode("fault", AppNode.onPostgres(database.getJdbcUrl("postgres", "postgres"), mail,
        // short, to keep the test short: a dead node's claims and jobs are free after 10 s; an attempt is
        // taken as interrupted after 15 s, more than the SMTP timeouts (10 s: the database restart stops
        // PostgreSQL inside the SMTP server's reply)
        "--award.mail.delivery.claim-time=10s", "--award.mail.delivery.interrupted-after=15s",
        "--camunda.bpm.job-execution.lock-time-in-millis=10000",
        "--spring.mail.properties.mail.smtp.timeout=10000"));
    List<String> cycles = new ArrayList<>();
    List<Long> deliveredAfterRestart = new ArrayList<>();
    long began = System.nanoTime();
    try {
      node.start();
      node.awaitReady(Duration.ofMinutes(3));
      List<Thread> drivers = List.of(new Thread(this::drive, "driver-1"), new Thread(this::drive, "driver-2"));
      drivers.forEach(Thread::start);

      int restarts = 0;
      for (int cycle = 1; cycle <= KILLS; cycle++) {
        Thread.sleep(LOAD.toMillis());
        if (cycle % 3 == 2 && restarts < DATABASE_RESTARTS) {
          restarts++;
          if (!causeAndWait(Fault.RESTART_DATABASE)) {
            // no mail reached the SMTP server within the wait (the load is slow on a busy machine):
            // the restart then happens at a random moment, but it happens
            stopDatabase();
          }
          Thread.sleep(3000);
          startDatabase();
          Thread.sleep(LOAD.toMillis());
        }
        Fault fault = switch (cycle % 3) {
          case 1 -> Fault.KILL_AFTER_THE_SERVER_TOOK_IT;
          case 2 -> Fault.KILL_BEFORE_THE_SERVER_TOOK_IT;
          default -> Fault.NONE;
        };
        if (fault == Fault.NONE || !causeAndWait(fault)) {
          node.kill();
        }
        long killed = System.nanoTime();
        List<String> unsent = jdbc.queryForList("select id from mail_message where status <> 'SENT'", String.class);
        node.start();
        node.awaitReady(Duration.ofMinutes(2));
        long ready = System.nanoTime();
        awaitSent(jdbc, unsent, Duration.ofMinutes(3));
        long delivered = System.nanoTime();
        deliveredAfterRestart.add(ms(delivered - ready));
        cycles.add(String.format("  kill %2d (%s): %d mails unsent at the kill; up again %d ms later; all of them sent "
            + "%d ms after that", cycle, fault == Fault.NONE ? "at a random moment" : fault.name().toLowerCase()
            .replace('_', ' '), unsent.size(), ms(ready - killed), ms(delivered - ready)));
      }
      loading = false;
      for (Thread driver : drivers) {
        driver.join(TimeUnit.MINUTES.toMillis(1));
      }
      awaitQuiet(jdbc, Duration.ofMinutes(3));
    } finally {
      loading = false;
      node.close();
    }

    // the figures
    List<Map<String, Object>> rows = jdbc.queryForList("select id, message_id, status, check_result, attempts "
        + "from mail_message");
    Map<String, Long> copies = mail.delivered().stream()
        .collect(Collectors.groupingBy(TestMailServer::messageId, Collectors.counting()));
    long duplicates = copies.values().stream().mapToLong(c -> c - 1).sum();
    List<Object> lost = rows.stream().map(r -> r.get("message_id")).filter(id -> !copies.containsKey(id)).toList();
    Map<String, Long> checks = rows.stream().filter(r -> r.get("check_result") != null).collect(Collectors.groupingBy(
        r -> r.get("check_result") + " -> " + r.get("status"), TreeMap::new, Collectors.counting()));
    Map<String, Long> statuses = rows.stream().collect(Collectors.groupingBy(r -> (String) r.get("status"),
        TreeMap::new, Collectors.counting()));
    List<String> numbers = jdbc.queryForList("select decision_number from nomination where decision_number is not null",
        String.class);
    List<Long> numbersSorted = numbers.stream().map(n -> Long.parseLong(n.replaceAll("\\D*(\\d+)/.*", "$1"))).sorted()
        .toList();
    long recordedLater = sentBeforeDatabaseRestart.stream().filter(id -> rows.stream().anyMatch(r ->
        id.equals(r.get("message_id")) && "SENT".equals(r.get("status")) && r.get("check_result") == null)).count();

    String figures = String.join("\n", List.of(
        "Mail delivery under faults (" + KILLS + " kills -9 under load, " + DATABASE_RESTARTS
            + " PostgreSQL restarts while sending), " + ms(System.nanoTime() - began) / 1000 + " s:",
        "  nominations filed through REST: " + filed.get() + "; decisions numbered: " + numbers.size(),
        "  mails queued: " + rows.size() + "; states at the end: " + statuses,
        "  delivered (distinct Message-IDs at the recipients): " + copies.size()
            + "; copies in the journal mailbox: " + mail.journal().size(),
        "  duplicates: " + duplicates + "; lost: " + lost.size(),
        "  interrupted attempts and how they were settled (check result -> state): " + checks,
        "  mails sent just before a database restart: " + sentBeforeDatabaseRestart.size()
            + ", recorded SENT after it without a check: " + recordedLater,
        "  time from 'up again' to every mail unsent at the kill sent, ms: min " + stat(deliveredAfterRestart, true)
            + ", max " + stat(deliveredAfterRestart, false))) + "\n" + String.join("\n", cycles);
    System.out.println(figures);
    Files.writeString(Path.of("target", "nodes", "mail-delivery-fault-figures.txt"), figures + "\n");

    assertThat(duplicates).as("mails delivered twice").isZero();
    assertThat(lost).as("mails never delivered").isEmpty();
    assertThat(statuses.keySet()).containsOnly(MailLog.SENT);
    assertThat(checks.keySet()).as("both outcomes of the check happened")
        .contains("FOUND -> SENT", "NOT_FOUND -> SENT");
    assertThat(recordedLater).isEqualTo(sentBeforeDatabaseRestart.size()).isEqualTo(DATABASE_RESTARTS);
    assertThat(numbersSorted).as("decision numbers: no gap, no duplicate")
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, numbers.size()).boxed().toList());
  }

  @AfterEach
  void removeDatabase() throws IOException {
    if (database != null) {
      database.close();
    }
    if (dataDirectory != null) {
      org.springframework.util.FileSystemUtils.deleteRecursively(dataDirectory);
    }
    mail.stop();
  }

  /** Files nominations and takes each to its decision, as long as the load lasts; a dead node is waited for. */
  void drive() {
    try {
      while (loading) {
        String instance = retry(() -> Nominations.file(node));
        filed.incrementAndGet();
        for (String step : STEPS) {
          retry(() -> Nominations.approve(node, instance, step));
        }
      }
    } catch (InterruptedException | RuntimeException stopped) {
      // the load is over
    }
  }

  <T> T retry(Callable<T> call) throws InterruptedException {
    while (true) {
      try {
        return call.call();
      } catch (Exception nodeDownOrDatabaseAway) {
        if (!loading) {
          throw new IllegalStateException("load over");
        }
        Thread.sleep(300);
      }
    }
  }

  /**
   * Arms the SMTP server with {@code fault} for the next mail; true when it happened. A fault no mail took
   * within 30 s is disarmed (false); one a mail took at the last moment is waited for to its end, so that
   * the caller never acts on a half-done fault (a database being stopped while it starts it again).
   */
  boolean causeAndWait(Fault fault) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    faultDone.set(done);
    armed.set(fault);
    if (done.await(30, TimeUnit.SECONDS)) {
      return true;
    }
    if (armed.compareAndSet(fault, Fault.NONE)) {
      return false;
    }
    done.await();
    return true;
  }

  /**
   * The SMTP server's delivery of a received mail to each of its recipients (the recipient, the journal),
   * with the armed fault first: it is taken by the first delivery of the next mail and applies to all of
   * that mail's deliveries, so that a mail dropped is dropped for all its recipients.
   */
  void interceptDeliveries() {
    var users = mail.greenMail().getUserManager();
    MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
    Map<Object, Fault> faults = Collections.synchronizedMap(new IdentityHashMap<>());
    users.setMessageDeliveryHandler((message, address) -> {
      boolean first = !faults.containsKey(message);
      Fault fault = faults.computeIfAbsent(message, m -> armed.getAndSet(Fault.NONE));
      if (first && fault != Fault.NONE) {
        switch (fault) {
          case KILL_AFTER_THE_SERVER_TOOK_IT, KILL_BEFORE_THE_SERVER_TOOK_IT -> node.kill();
          case RESTART_DATABASE -> {
            stopDatabase();
            sentBeforeDatabaseRestart.add(messageId(message.getMessage()));
          }
          default -> { }
        }
        faultDone.get().countDown();
      }
      if (fault == Fault.KILL_BEFORE_THE_SERVER_TOOK_IT) {
        throw new UserException("dropped by the fault test: never reached a mailbox");
      }
      return deliver.handle(message, address);
    });
  }

  void stopDatabase() {
    try {
      database.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void startDatabase() throws IOException {
    database = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
        .setPort(databasePort).start();
  }

  /** Waits until these mails are SENT (the database may be restarting meanwhile). */
  void awaitSent(JdbcTemplate jdbc, List<String> ids, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Function<String, Boolean> sent = id -> "SENT".equals(jdbc.queryForObject(
        "select status from mail_message where id = ?", String.class, id));
    List<String> waiting = new ArrayList<>(ids);
    while (!waiting.isEmpty()) {
      assertThat(System.nanoTime()).as("%d mails still unsent, e.g. %s", waiting.size(), waiting.get(0))
          .isLessThan(deadline);
      waiting.removeIf(sent::apply);
      Thread.sleep(100);
    }
  }

  /** Waits until no job and no mail is left to do. */
  void awaitQuiet(JdbcTemplate jdbc, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (jdbc.queryForObject("select (select count(*) from act_ru_job where type_ = 'message') + (select count(*) "
        + "from mail_message where status <> 'SENT')", Long.class) > 0) {
      assertThat(System.nanoTime()).as("jobs or mails left").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  static String messageId(MimeMessage message) {
    return TestMailServer.messageId(message);
  }

  static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  static long stat(List<Long> values, boolean min) {
    return values.isEmpty() ? 0 : min ? Collections.min(values) : Collections.max(values);
  }
}
