package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.congdoan.award.AwardApplication;
import vn.congdoan.award.NominationTestSupport;

/**
 * Mails queued while nothing sent them are not lost when the application stops: the next start delivers
 * them (the sender works off the queue stored in the database).
 */
class MailRestartTest {
  final TestMailServer smtp = TestMailServer.startOnFreePorts();

  ConfigurableApplicationContext startApp(Path db, boolean sender) {
    // command-line arguments: they outrank the test profile's in-memory database
    List<String> arguments = new java.util.ArrayList<>(List.of(
        "--spring.datasource.url=jdbc:h2:file:" + db.resolve("award") + ";LOCK_TIMEOUT=10000",
        "--camunda.bpm.job-execution.enabled=" + sender,
        "--award.mail.delivery.enabled=" + sender,
        "--award.mail.delivery.poll-interval=200ms",
        "--server.port=0"));
    arguments.addAll(smtp.arguments());
    return new SpringApplicationBuilder(AwardApplication.class).profiles("test").run(arguments.toArray(String[]::new));
  }

  @Test
  void mailsQueuedBeforeARestartAreDeliveredAfterIt() throws Exception {
    smtp.stop();
    Path db = Files.createTempDirectory("award-restart");
    List<String> queuedSubjects;
    try (ConfigurableApplicationContext app = startApp(db, false)) {
      IdentityService identity = app.getBean(IdentityService.class);
      List<String> groups = identity.createGroupQuery().groupMember("lap.bvdk").list().stream().map(Group::getId).toList();
      identity.setAuthentication("lap.bvdk", groups);
      // filed while the 2026 round is open, as in the other tests
      ClockUtil.setCurrentTime(Date.from(NominationTestSupport.NOW));
      try {
        app.getBean(RuntimeService.class).startProcessInstanceByKey("award-nomination",
            NominationTestSupport.dossier("giay-khen"));
      } finally {
        ClockUtil.reset();
        identity.clearAuthentication();
      }
      queuedSubjects = app.getBean(JdbcTemplate.class).queryForList(
          "select subject from mail_message where status = 'QUEUED'", String.class);
      assertThat(queuedSubjects).isNotEmpty();
    }

    smtp.start();
    try (ConfigurableApplicationContext app = startApp(db, true)) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      // (with the real clock the task may meanwhile be overdue, which queues a reminder too)
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(smtp.delivered().stream().map(m -> {
          try {
            return m.getSubject();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }).toList()).containsAll(queuedSubjects);
        assertThat(jdbc.queryForList("select subject from mail_message where status = 'SENT'", String.class))
            .containsAll(queuedSubjects);
      });
    } finally {
      smtp.stop();
    }
  }
}
