package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congdoan.award.NominationTestSupport;

/**
 * Mails at every step, through a real SMTP server (GreenMail on free ports): who gets which mail, that an
 * SMTP outage neither fails nor rolls back an approval, that a mail failing for good becomes an incident on
 * the nomination whose resolution delivers it, reminders and escalations on the working-day calendar, the
 * digest. The sender runs when the test says ({@link MailDelivery#deliverDue}), as jobs do here.
 */
@SpringBootTest
@ActiveProfiles("test")
class MailNotificationTest extends NominationTestSupport {
  static final String PREPARER = "lap.bvdk";
  static final String CHAIR = "chutich.bvdk";
  static final TestMailServer SMTP = TestMailServer.startOnFreePorts();

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    SMTP.register(registry);
  }

  @Autowired MailPreferences preferences;
  @Autowired MailDelivery delivery;
  @Autowired vn.congdoan.award.nomination.WithdrawalService withdrawals;

  @BeforeEach
  void startSmtp() {
    SMTP.start();
    SMTP.clear();
    jdbc.update("update mail_message set status = 'SENT' where status <> 'SENT'"); // earlier tests' mails
  }

  @AfterEach
  void stopSmtp() {
    identity.deleteUserInfo(PREPARER, MailPreferences.KEY);
  }

  /** What the sender's poller does: one round. */
  void deliverMails() {
    delivery.deliverDue();
  }

  List<MimeMessage> mailsTo(String userId) {
    return SMTP.deliveredTo(userId);
  }

  long count(String where, Object... args) {
    return jdbc.queryForObject("select count(*) from mail_message where " + where, Long.class, args);
  }

  /** The decoded text and HTML parts of a mail. */
  static String body(MimeMessage message) {
    try {
      StringBuilder out = new StringBuilder();
      collect(message.getContent(), out);
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(Object content, StringBuilder out) throws Exception {
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i).getContent(), out);
      }
    } else if (content instanceof String text) {
      out.append(text).append('\n');
    }
  }

  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aWaitingTaskMailsItsCandidatesWithTheTaskLinkAndDueDate() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    deliverMails();

    List<MimeMessage> chair = mailsTo(CHAIR);
    assertThat(chair).hasSize(1);
    String taskId = task(pi, "grassrootsApproval").getId();
    assertThat(subject(chair.get(0))).contains("Chủ tịch CĐCS duyệt").contains("Lò Thị Mai");
    assertThat(body(chair.get(0))).contains("/camunda/app/tasklist/default/#/?task=" + taskId).contains("27/11/2026");
    assertThat(mailsTo("thamdinh.yte")).isEmpty();
    assertThat(count("process_instance_id = ? and status = 'SENT'", pi.getId())).isEqualTo(1L);
  }

  @Test
  void anApprovalAReturnAndARejectionTellThePreparerAndTheChairWithTheReason() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    approve(CHAIR, pi, "grassrootsApproval");
    review("thamdinh.yte", pi, "superiorVetting", "return", "Thiếu biên bản họp.");
    deliverMails();

    assertThat(mailsTo(PREPARER)).extracting(MailNotificationTest::subject)
        .anySatisfy(s -> assertThat(s).contains("Chủ tịch CĐCS duyệt"))
        .anySatisfy(s -> assertThat(s).contains("Công đoàn cấp trên thẩm định"));
    assertThat(mailsTo(PREPARER)).anySatisfy(m -> assertThat(body(m)).contains("Thiếu biên bản họp."));
    assertThat(mailsTo("thamdinh.yte")).hasSize(1); // its waiting task; not the outcome of its own review
    // the revision task waits for the preparers of the unit
    assertThat(mailsTo(PREPARER)).anySatisfy(m -> assertThat(subject(m)).contains("Bổ sung, chỉnh sửa hồ sơ"));

    SMTP.clear();
    Map<String, Object> revised = dossier("giay-khen");
    revised.remove("awardForm");
    complete(PREPARER, pi, "superiorVettingRevision", revised);
    review("thamdinh.yte", pi, "superiorVetting", "reject", "Không đủ tiêu chuẩn.");
    deliverMails();
    assertThat(mailsTo(CHAIR)).anySatisfy(m -> assertThat(body(m)).contains("Không đủ tiêu chuẩn."));
  }

  @Test
  void aDecisionTellsThePreparerTheChairAndTheSuperiorUnitItsNumberAndMoney() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    approve(CHAIR, pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    approve("chutich.yte", pi, "superiorDecision");
    executeDueJobs(pi);
    assertThat(pi).isEnded();
    SMTP.clear();
    deliverMails();

    String number = (String) row(pi).get("decision_number");
    for (String user : List.of(PREPARER, CHAIR, "thamdinh.yte", "chutich.yte")) {
      assertThat(mailsTo(user)).as(user).anySatisfy(m -> {
        assertThat(body(m)).contains(number.replace("Số: ", "")).contains("710.000");
      });
    }
  }

  @Test
  void forwardingToTheConfederationAndItsResultAreAnnounced() {
    ProcessInstance pi = start(PREPARER, dossier("bang-khen-tld"));
    approve(CHAIR, pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    approve("thuky.tinh", pi, "secretariatVetting");
    setClock(Instant.parse("2026-12-31T00:00:00Z"));
    executeDueJobs(pi);
    councilSession(Map.of(pi, 14L), null, null);
    deliverMails();
    SMTP.clear();
    complete("thuky.tinh", pi, "nationalForwarding",
        Map.of("nationalDispatchNumber", "125/TTr-LĐLĐ", "nationalDispatchDate", "2027-01-05"));
    deliverMails();
    assertThat(mailsTo(PREPARER)).anySatisfy(m -> assertThat(subject(m)).contains("Tổng Liên đoàn"));
    assertThat(mailsTo("chutich.yte")).anySatisfy(m -> assertThat(subject(m)).contains("Tổng Liên đoàn"));

    SMTP.clear();
    complete("thuky.tinh", pi, "nationalResult", Map.of("nationalResultOutcome", "awarded",
        "nationalDecisionNumber", "2001/QĐ-TLĐ", "nationalDecisionDate", "2027-03-01"));
    deliverMails();
    assertThat(mailsTo(CHAIR)).anySatisfy(m -> assertThat(body(m)).contains("Được Tổng Liên đoàn khen thưởng"));
  }

  @Test
  void aWithdrawalIsAnnouncedWithItsReason() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    approve(CHAIR, pi, "grassrootsApproval");
    deliverMails();
    SMTP.clear();
    as(CHAIR, () -> withdrawals.withdraw(row(pi).get("code").toString(), "Chuyển công tác sang tỉnh khác."));
    deliverMails();
    assertThat(mailsTo(PREPARER)).singleElement()
        .satisfies(m -> assertThat(body(m)).contains("Chuyển công tác sang tỉnh khác."));
    assertThat(mailsTo("thamdinh.yte")).singleElement()
        .satisfies(m -> assertThat(body(m)).contains("Lò Thị Mai"));
  }

  @Test
  void anSmtpOutageDoesNotStopApprovalsAndTheMailsArriveWhenItIsBack() {
    SMTP.stop();
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    approve(CHAIR, pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    approve("chutich.yte", pi, "superiorDecision");
    executeDueJobs(pi);
    assertThat(pi).isEnded().hasPassed("endAwarded");
    deliverMails(); // every attempt fails: recorded, nothing rolled back, retried after the first delay
    assertThat(count("process_instance_id = ? and status = 'QUEUED' and attempts = 1 and last_error is not null "
        + "and next_attempt_at = ?", pi.getId(), Timestamp.from(NOW.plusSeconds(30)))).isGreaterThan(5L);

    SMTP.start();
    deliverMails();
    assertThat(SMTP.delivered()).as("not due before the retry delay").isEmpty();
    setClock(NOW.plusSeconds(30));
    deliverMails();
    long queued = count("process_instance_id = ?", pi.getId());
    assertThat(SMTP.delivered()).hasSize((int) queued);
    assertThat(count("process_instance_id = ? and status = 'SENT'", pi.getId())).isEqualTo(queued);
    // delivered once: running the sender again sends nothing more
    deliverMails();
    assertThat(SMTP.delivered()).hasSize((int) queued);
  }

  /** Runs the sender, moving the clock past each retry delay, until the nomination's mail has failed for good. */
  void failForGood(ProcessInstance pi) {
    for (int round = 0; round < 20 && count("process_instance_id = ? and status = 'FAILED'", pi.getId()) == 0; round++) {
      deliverMails();
      setClock(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofHours(3)).plusSeconds(1));
    }
    assertThat(count("process_instance_id = ? and status = 'FAILED'", pi.getId())).isEqualTo(1L);
  }

  @Test
  void aMailThatKeepsFailingBecomesAnIncidentOfTheNominationAndItsResolutionDeliversIt() {
    SMTP.stop();
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    failForGood(pi);
    // 1 attempt and 6 retries (award.mail.delivery.retry-delays)
    assertThat(count("process_instance_id = ? and attempts = 7", pi.getId())).isEqualTo(1L);
    Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(incident).isNotNull();
    assertThat(incident.getIncidentType()).isEqualTo(MailIncidents.TYPE);
    assertThat(incident.getActivityId()).isEqualTo("grassrootsApproval");
    assertThat(incident.getIncidentMessage()).startsWith("Không gửi được thư «").contains("chutich.bvdk@")
        .contains("sau 7 lần thử").contains("MailConnectException");

    SMTP.start();
    runtime.resolveIncident(incident.getId()); // an operator: DELETE /engine-rest/incident/{id}
    deliverMails();
    assertThat(mailsTo(CHAIR)).hasSize(1);
    assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(count("process_instance_id = ? and status = 'SENT' and attempts = 8", pi.getId())).isEqualTo(1L);
  }

  @Test
  void theIncidentOfAFailedMailFollowsTheNominationToItsNextStep() {
    SMTP.stop();
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    failForGood(pi);
    String failed = jdbc.queryForObject("select id from mail_message where process_instance_id = ? and status = 'FAILED'",
        String.class, pi.getId());
    SMTP.start();
    approve(CHAIR, pi, "grassrootsApproval"); // the step's execution ends, and its incident with it
    deliverMails();

    Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("superiorVetting");
    assertThat(incident.getConfiguration()).isEqualTo(failed);
    assertThat(jdbc.queryForObject("select incident_id from mail_message where id = ?", String.class, failed))
        .isEqualTo(incident.getId());
    String messageId = jdbc.queryForObject("select message_id from mail_message where id = ?", String.class, failed);
    assertThat(SMTP.delivered()).as("the failed mail waits for an operator").extracting(TestMailServer::messageId)
        .isNotEmpty().doesNotContain(messageId);
  }

  @Test
  void anOverdueTaskRemindsItsCandidatesAndLaterEscalatesToTheNextLevelsHeads() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    deliverMails();
    SMTP.clear();
    // due at the end of Friday 27 Nov; the reminder comes after it
    setClock(Instant.parse("2026-11-27T10:00:00Z"));
    executeDueJobs(pi);
    deliverMails();
    assertThat(SMTP.delivered()).isEmpty();
    setClock(Instant.parse("2026-11-28T01:00:00Z"));
    executeDueJobs(pi);
    deliverMails();
    assertThat(mailsTo(CHAIR)).hasSize(1).allSatisfy(m -> assertThat(subject(m)).containsIgnoringCase("quá hạn"));
    assertThat(mailsTo("chutich.yte")).isEmpty();

    // escalation 3 working days after the due date: Wed 2 Dec ends; Thursday morning it goes out
    setClock(Instant.parse("2026-12-02T10:00:00Z"));
    executeDueJobs(pi);
    deliverMails();
    assertThat(mailsTo("chutich.yte")).isEmpty();
    setClock(Instant.parse("2026-12-03T01:00:00Z"));
    executeDueJobs(pi);
    deliverMails();
    assertThat(mailsTo("chutich.yte")).hasSize(1);
    assertThat(body(mailsTo("chutich.yte").get(0))).contains("Lò Thị Mai");
  }

  @Test
  void aUserWhoChoseTheDigestGetsOneMailForTheDay() {
    preferences.set(PREPARER, MailPreferences.DIGEST);
    ProcessInstance first = start(PREPARER, dossier("giay-khen"));
    ProcessInstance second = start(PREPARER, dossier("bang-khen-tinh"));
    approve(CHAIR, first, "grassrootsApproval");
    approve(CHAIR, second, "grassrootsApproval");
    deliverMails();
    assertThat(mailsTo(PREPARER)).isEmpty();
    // the chair wants every mail at once: two waiting tasks, two approvals
    assertThat(mailsTo(CHAIR)).hasSize(4);
    assertThat(jdbc.queryForObject("select count(*) from mail_message where recipient_user = ? and status = 'HELD'",
        Long.class, PREPARER)).isEqualTo(2L);

    // the daily timer of mail-digest
    Job timer = management.createJobQuery().processDefinitionKey("mail-digest").timers().singleResult();
    management.executeJob(timer.getId());
    management.createJobQuery().processDefinitionKey("mail-digest").messages().list()
        .forEach(job -> management.executeJob(job.getId()));
    deliverMails();

    List<MimeMessage> digest = mailsTo(PREPARER);
    assertThat(digest).hasSize(1);
    assertThat(body(digest.get(0))).contains(row(first).get("code").toString()).contains(row(second).get("code").toString());
    assertThat(jdbc.queryForObject("select count(*) from mail_message where recipient_user = ? and status = 'HELD'",
        Long.class, PREPARER)).isZero();
  }
}
