package vn.congdoan.award.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.congdoan.award.notification.TestMailServer;

/**
 * Two nodes started at the same moment on one empty PostgreSQL both come up (one waits for the other's
 * startup: support.StartupLock) with one schema, one deployment, one set of groups and users and the demo
 * nominations filed once; then decisions completed at the same moment through both nodes' REST APIs get
 * consecutive numbers, and every mail of it all is delivered once, by either node.
 */
class ClusterStartupIT {
  static final int DECISIONS = 12;

  static {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
  }

  @Test
  void twoNodesStartedTogetherOnAnEmptyDatabaseWorkAsOne() throws Exception {
    TestMailServer mail = TestMailServer.startOnFreePorts();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
      assertThat(jdbc.queryForObject("select count(*) from pg_tables where schemaname = 'public'", Long.class)).isZero();
      try (AppNode a = new AppNode("cluster-a", AppNode.onPostgres(url, mail, "--award.demo.nominations=true"));
          AppNode b = new AppNode("cluster-b", AppNode.onPostgres(url, mail, "--award.demo.nominations=true"))) {
        long began = System.nanoTime();
        a.start();
        b.start();
        for (AppNode node : List.of(a, b)) {
          node.awaitReady(Duration.ofMinutes(4));
          node.awaitLog("Startup finished", Duration.ofMinutes(1)); // after its ready listeners: the demo data
        }
        long bothUp = System.nanoTime();
        assertThat(a.alive() && b.alive()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from act_re_deployment", Long.class)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("select count(*) from act_id_user where id_ = 'lap.bvdk'", Long.class)).isEqualTo(1L);
        long demo = jdbc.queryForObject("select count(*) from nomination", Long.class);
        assertThat(demo).as("the demo nominations, filed by the first node only").isEqualTo(6L);

        // up to the superior unit's decision, half through each node
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < DECISIONS; i++) {
          AppNode node = i % 2 == 0 ? a : b;
          String instance = Nominations.file(node);
          Nominations.approve(node, instance, "grassrootsApproval");
          Nominations.approve(node, instance, "superiorVetting");
          instances.add(instance);
        }
        long before = jdbc.queryForObject("select count(*) from nomination where decision_body = 'cdn_yte' "
            + "and decision_number is not null", Long.class);

        // every decision at the same moment, through both nodes
        ExecutorService pool = Executors.newFixedThreadPool(DECISIONS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < DECISIONS; i++) {
          AppNode node = i % 2 == 0 ? b : a;
          String instance = instances.get(i);
          done.add(pool.submit(() -> {
            go.await();
            return Nominations.approve(node, instance, "superiorDecision");
          }));
        }
        go.countDown();
        for (Future<Boolean> decided : done) {
          assertThat(decided.get(2, TimeUnit.MINUTES)).isTrue();
        }
        pool.shutdown();

        awaitDone(jdbc, instances, Duration.ofMinutes(2));
        List<Long> numbers = jdbc.queryForList("select decision_number from nomination where decision_body = "
            + "'cdn_yte' and decision_number is not null", String.class).stream()
            .map(n -> Long.parseLong(n.replaceAll("\\D*(\\d+)/.*", "$1"))).sorted().toList();
        Map<String, Long> copies = mail.delivered().stream()
            .collect(Collectors.groupingBy(TestMailServer::messageId, Collectors.counting()));
        List<String> queued = jdbc.queryForList("select message_id from mail_message", String.class);
        Map<String, Long> sentBy = jdbc.queryForList("select claimed_by from mail_message", String.class).stream()
            .collect(Collectors.groupingBy(node -> node, Collectors.counting()));
        String waited = Files.readString(a.log()).contains("this one waits") ? a.name()
            : Files.readString(b.log()).contains("this one waits") ? b.name() : "neither";

        System.out.println(String.join("\n", List.of(
            "Two nodes started together on an empty PostgreSQL:",
            "  both up after " + (bothUp - began) / 1_000_000 + " ms; waited for the other's startup: " + waited,
            "  demo nominations: " + demo + "; decisions at the same moment: " + DECISIONS + ", numbers "
                + numbers.subList((int) before, numbers.size()),
            "  mails queued: " + queued.size() + ", delivered: " + copies.size() + ", twice or more: "
                + copies.values().stream().filter(c -> c > 1).count() + "; sent by node: " + sentBy.values())));

        assertThat(numbers).as("no duplicate or skipped number")
            .isEqualTo(LongStream.rangeClosed(1, numbers.size()).boxed().toList());
        assertThat(numbers).hasSize((int) before + DECISIONS);
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(queued);
        assertThat(copies.values()).as("copies of each mail").containsOnly(1L);
        assertThat(a.alive() && b.alive()).isTrue();
      }
    } finally {
      mail.stop();
    }
  }

  /** Waits until the nominations are decided and every mail is sent. */
  static void awaitDone(JdbcTemplate jdbc, List<String> instances, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String marks = String.join(",", instances.stream().map(i -> "?").toList());
    while (jdbc.queryForObject("select count(*) from nomination where decision_number is null and process_instance_id "
        + "in (" + marks + ")", Long.class, instances.toArray()) > 0
        || jdbc.queryForObject("select count(*) from mail_message where status <> 'SENT'", Long.class) > 0) {
      assertThat(System.nanoTime()).as("decisions or mails left").isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
