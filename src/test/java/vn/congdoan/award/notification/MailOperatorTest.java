package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.notification.MailLog.Mail;
import vn.congdoan.award.web.RestClient;
import vn.congdoan.award.web.RestEngineContext;

/**
 * With no journal mailbox to check, a mail whose attempt was interrupted is never sent again by itself: it
 * is held UNCERTAIN, shown in Cockpit as an incident of the nomination and in the operators' list, and an
 * administrator records that it arrived or has it sent again, through {@code /api/mail-deliveries}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class MailOperatorTest extends NominationTestSupport {
  static final TestMailServer SMTP = TestMailServer.startOnFreePorts();

  @DynamicPropertySource
  static void smtpWithoutJournal(DynamicPropertyRegistry registry) {
    SMTP.registerWithoutJournal(registry);
  }

  @Autowired MailDelivery delivery;
  @Autowired MailLog log;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void emptyQueueAndMailboxes() {
    SMTP.clear();
    jdbc.update("update mail_message set status = 'SENT' where status <> 'SENT'");
  }

  RestClient as(String user) {
    return new RestClient(rest, user, "demo");
  }

  /** A nomination's one mail, whose attempt was interrupted (sent or not) by a node that died. */
  Mail interruptedMailOf(ProcessInstance pi, boolean sentFirst) {
    if (sentFirst) {
      delivery.deliverDue();
    }
    String id = jdbc.queryForObject("select id from mail_message where process_instance_id = ?", String.class, pi.getId());
    jdbc.update("update mail_message set status = 'SENDING', sent_at = null, attempts = 1, claimed_by = 'a node that "
        + "died', claimed_until = ? where id = ?", Timestamp.from(NOW.minusSeconds(1)), id);
    delivery.deliverDue();
    return log.find(id).orElseThrow();
  }

  List<String> delivered() {
    return SMTP.delivered().stream().map(TestMailServer::messageId).toList();
  }

  @Test
  void anInterruptedMailIsHeldAsAnIncidentOfTheNominationAndNotSentAgain() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    Mail mail = interruptedMailOf(pi, true);

    assertThat(mail.status()).isEqualTo(MailLog.UNCERTAIN);
    assertThat(mail.checkResult()).isEqualTo(MailLog.NO_CHECK);
    assertThat(delivered()).containsExactly(mail.messageId());
    Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(incident.getIncidentType()).isEqualTo(MailIncidents.TYPE);
    assertThat(incident.getActivityId()).isEqualTo("grassrootsApproval");
    assertThat(incident.getIncidentMessage()).startsWith("Chưa rõ thư «").contains("chutich.bvdk@")
        .contains("POST /api/mail-deliveries/" + mail.id() + "/delivered");
    delivery.deliverDue();
    assertThat(delivered()).hasSize(1);
  }

  @Test
  void onlyAnAdministratorSeesTheMailsThatWaitForADecision() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    Mail mail = interruptedMailOf(pi, false);

    ResponseEntity<List> list = as("admin").getList("/api/mail-deliveries");
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((List<Map<String, Object>>) list.getBody()).anySatisfy(row -> {
      assertThat(row).containsEntry("id", mail.id()).containsEntry("status", "UNCERTAIN")
          .containsEntry("statusName", "chưa rõ đã gửi hay chưa, cần kiểm tra").containsEntry("checkResult", "NO_CHECK");
      assertThat((String) row.get("incidentId")).isNotBlank();
    });
    ResponseEntity<Map> refused = as("thuky.tinh").get("/api/mail-deliveries");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody().get("message")).isEqualTo("Chỉ quản trị viên được xem và xử lý hàng đợi thư.");
    assertThat(as("thuky.tinh").post("/api/mail-deliveries/" + mail.id() + "/resend", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void anAdministratorRecordsThatTheMailArrivedAndNothingIsSent() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    Mail mail = interruptedMailOf(pi, true);

    assertThat(as("admin").post("/api/mail-deliveries/" + mail.id() + "/delivered", null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    delivery.deliverDue();

    assertThat(log.find(mail.id()).orElseThrow().status()).isEqualTo(MailLog.SENT);
    assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(delivered()).containsExactly(mail.messageId());
    ResponseEntity<Map> again = as("admin").post("/api/mail-deliveries/" + mail.id() + "/delivered", null);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) again.getBody().get("message")).contains("«đã gửi»");
  }

  @Test
  void anAdministratorHasAMailTheRecipientDidNotGetSentAgainOnce() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    Mail mail = interruptedMailOf(pi, false);
    assertThat(delivered()).isEmpty();

    assertThat(as("admin").post("/api/mail-deliveries/" + mail.id() + "/resend", null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    delivery.deliverDue();
    delivery.deliverDue();

    assertThat(delivered()).containsExactly(mail.messageId());
    assertThat(log.find(mail.id()).orElseThrow().status()).isEqualTo(MailLog.SENT);
    assertThat(as("admin").post("/api/mail-deliveries/no-such-mail/resend", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }
}
