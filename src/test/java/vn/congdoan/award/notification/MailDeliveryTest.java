package vn.congdoan.award.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.notification.MailLog.Mail;
import vn.congdoan.award.support.BusinessClock;

/**
 * The queue's guarantees on a real SMTP server with a journal mailbox (GreenMail): a mail carries the
 * Message-ID stored with it; an attempt interrupted after the SMTP call is found in the journal and not
 * sent again; one interrupted before it is sent once, and only after its time is up; two nodes sending at
 * once send every mail once. On H2 here, on PostgreSQL in {@code PostgresMailDeliveryTest}.
 */
@SpringBootTest
@ActiveProfiles("test")
public class MailDeliveryTest extends NominationTestSupport {
  static final TestMailServer SMTP = TestMailServer.startOnFreePorts();

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    SMTP.register(registry);
  }

  @Autowired protected MailDelivery delivery;
  @Autowired protected MailLog log;
  @Autowired ApplicationContext context;
  @Value("${award.mail.from}") String from;

  @BeforeEach
  void emptyQueueAndMailboxes() {
    SMTP.start();
    SMTP.clear();
    jdbc.update("update mail_message set status = 'SENT' where status <> 'SENT'"); // earlier tests' mails
  }

  protected Mail onlyMailOf(ProcessInstance pi) {
    String id = jdbc.queryForObject("select id from mail_message where process_instance_id = ?", String.class, pi.getId());
    return log.find(id).orElseThrow();
  }

  /** As if the node that marked it SENDING died: its time ends at {@code until}. */
  protected void interrupt(Mail mail, java.time.Instant until) {
    jdbc.update("update mail_message set status = 'SENDING', sent_at = null, claimed_by = 'a node that died', "
        + "claimed_until = ? where id = ?", Timestamp.from(until), mail.id());
  }

  protected List<String> deliveredIds() {
    return SMTP.delivered().stream().map(TestMailServer::messageId).toList();
  }

  @Test
  void everyMailCarriesItsStoredMessageIdAndACopyGoesToTheJournalInTheSameTransaction() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen")); // one mail: the chair's waiting task
    delivery.deliverDue();

    Mail mail = onlyMailOf(pi);
    assertThat(mail.status()).isEqualTo(MailLog.SENT);
    assertThat(mail.attempts()).isEqualTo(1);
    assertThat(deliveredIds()).containsExactly(mail.messageId());
    assertThat(SMTP.journal()).extracting(TestMailServer::messageId).containsExactly(mail.messageId());
    assertThat(TestMailServer.to(SMTP.journal().get(0))).contains("chutich.bvdk@").doesNotContain("journal");
  }

  @Test
  void aMailSentWhoseSendingWasNeverRecordedIsFoundInTheJournalAndNotSentAgain() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    delivery.deliverDue();
    Mail mail = onlyMailOf(pi);
    interrupt(mail, NOW.minusSeconds(1)); // sent, then the commit that marks it sent failed

    delivery.deliverDue();

    assertThat(deliveredIds()).containsExactly(mail.messageId());
    Mail checked = log.find(mail.id()).orElseThrow();
    assertThat(checked.status()).isEqualTo(MailLog.SENT);
    assertThat(checked.checkResult()).isEqualTo(MailLog.FOUND);
  }

  @Test
  void anAttemptInterruptedBeforeTheServerGotTheMailIsSentOnceItsTimeIsUp() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    Mail mail = onlyMailOf(pi);
    interrupt(mail, NOW.plusSeconds(60));

    delivery.deliverDue();
    assertThat(deliveredIds()).as("its attempt may still be running on the other node").isEmpty();

    setClock(NOW.plusSeconds(61));
    delivery.deliverDue();
    delivery.deliverDue();
    assertThat(deliveredIds()).containsExactly(mail.messageId());
    Mail sent = log.find(mail.id()).orElseThrow();
    assertThat(sent.status()).isEqualTo(MailLog.SENT);
    assertThat(sent.checkResult()).isEqualTo(MailLog.NOT_FOUND);
  }

  @Test
  void twoNodesSendingAtOnceSendEveryMailOnce() throws Exception {
    int count = 60;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(log.insert(null, null, "digest", "test", null, null, "nguoi.nhan." + i + "@congdoan-laichau.example",
          new MailTemplates.Rendered("Thư thử " + i, "Nội dung " + i, "<p>Nội dung " + i + "</p>"), MailLog.QUEUED));
    }
    List<MailDelivery> nodes = List.of(delivery, anotherNode());
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (MailDelivery node : nodes) {
      done.add(pool.submit(() -> {
        go.await();
        for (int round = 0; round < 20; round++) {
          node.deliverDue();
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<String> expected = ids.stream().map(id -> log.find(id).orElseThrow().messageId()).toList();
    assertThat(deliveredIds()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ids).allSatisfy(id -> assertThat(log.find(id).orElseThrow().status()).isEqualTo(MailLog.SENT));
  }

  /** A second node on the same database and SMTP server. */
  MailDelivery anotherNode() throws MessagingException {
    return new MailDelivery(log, context.getBean(JavaMailSenderImpl.class), context.getBean(MailJournal.class),
        context.getBean(MailIncidents.class), runtime, context.getBean(BusinessClock.class), from, false,
        Duration.ofSeconds(1), 7, Duration.ofMinutes(1), Duration.ofMinutes(1), List.of(Duration.ofSeconds(30)), 1);
  }

  @Test
  void theDeliveryProcessesOfTheEarlierDesignAreRetiredAndTheirMailsSentFromTheQueue() {
    // as bpmn/mail-delivery.bpmn was: an async service task per mail, whose delegate no longer exists
    engine.getRepositoryService().createDeployment().addModelInstance("mail-delivery.bpmn",
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess("mail-delivery").camundaHistoryTimeToLive(180)
            .startEvent().serviceTask("sendMail").camundaAsyncBefore().camundaDelegateExpression("${sendMail}")
            .endEvent().done()).deploy();
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    runtime.startProcessInstanceByKey("mail-delivery", java.util.Map.of("mailId", onlyMailOf(pi).id()));

    delivery.retireDeliveryProcesses();
    delivery.deliverDue();

    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("mail-delivery").count()).isZero();
    assertThat(deliveredIds()).containsExactly(onlyMailOf(pi).messageId());
  }

  @Test
  void onlyTheServersRefusalProvesThatAMailWasNotDelivered() {
    assertThat(MailDelivery.refused(new SMTPSendFailedException(".", 554, "554 rejected", null, null, null, null)))
        .isTrue();
    assertThat(MailDelivery.refused(new SendFailedException("Invalid Addresses"))).isTrue();
    // no answer to the end of the data: the server may have taken the mail
    assertThat(MailDelivery.refused(new SMTPSendFailedException(".", -1, "[EOF]", null, null, null, null))).isFalse();
    assertThat(MailDelivery.refused(new MessagingException("IOException while sending message"))).isFalse();
  }

  @Test
  void mailEncodersComeFromTheNamedProviderNotFromAScanOfEveryJar() {
    // without the property every body part and encoded header of every mail scanned the class path
    assertThat(System.getProperty(MailDelivery.STREAM_PROVIDER))
        .isEqualTo(org.eclipse.angus.mail.util.MailStreamProvider.class.getName());
    assertThat(jakarta.mail.util.StreamProvider.provider())
        .isInstanceOf(org.eclipse.angus.mail.util.MailStreamProvider.class);
  }
}
