package vn.congdoan.award.notification;

import jakarta.activation.FileTypeMap;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import vn.congdoan.award.notification.MailLog.Mail;
import vn.congdoan.award.support.BusinessClock;

/**
 * The sender of every node: every {@code award.mail.delivery.poll-interval} each of its
 * {@code award.mail.delivery.threads} works off the queue in {@code mail_message} (README, "Mail delivery").
 * A round:
 * <ol>
 *   <li>records the mails this node sent but could not yet mark {@code SENT} (the database was away);
 *   <li>checks the attempts that were interrupted ({@code SENDING} past their time: a node died, or lost the
 *       database, between the SMTP call and the commit): found in the journal mailbox, the mail was sent;
 *       not found, it is due again; with no journal configured it is held {@code UNCERTAIN} for an operator;
 *   <li>claims a batch of due mails and, for each, commits {@code SENDING} before the SMTP call and
 *       {@code SENT} after it. A failure that proves nothing was delivered (no connection, or the server's
 *       refusal) is retried on {@code retry-delays}, then the mail is {@code FAILED}; any other failure
 *       leaves it {@code SENDING}, to be checked like an interrupted attempt;
 *   <li>raises the Cockpit incidents of {@code FAILED} and {@code UNCERTAIN} mails ({@link MailIncidents}).
 * </ol>
 * and starts the next round at once while batches come full.
 * Every mail carries the Message-ID stored with it, the same on every attempt; that is what the check looks
 * for. A mail is therefore sent at most once unless a check did not find it, and never lost: it stays in
 * the table until it is sent or an operator decides.
 */
@Component
public class MailDelivery implements SmartLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);
  /**
   * Jakarta Mail asks {@code StreamProvider.provider()} for its encoders and decoders several times per
   * message (each body part, each encoded header), and without this property each call is a
   * {@code ServiceLoader} scan of every jar on the class path: a tenth of the application's CPU under load
   * (README, "Performance"). The property names the one provider there is (Angus Mail's); an operator's own
   * setting is kept.
   */
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, MailStreamProvider.class.getName());
    }
  }

  /** A connection idle longer than this is tested before it is used again. */
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final MailLog log;
  private final JavaMailSenderImpl smtp;
  private final MailJournal journal;
  private final MailIncidents incidents;
  private final RuntimeService runtime;
  private final BusinessClock clock;
  private final InternetAddress from;
  private final boolean enabled;
  private final Duration pollInterval;
  private final int batchSize;
  private final Duration claimTime;
  private final Duration interruptedAfter;
  private final List<Duration> retryDelays;
  /** This node's sending threads, each with its name in {@code claimed_by}, unique to this run of the application. */
  private final List<Sender> senders = new ArrayList<>();

  private ScheduledExecutorService poller;
  private volatile boolean stopping;

  public MailDelivery(MailLog log, JavaMailSenderImpl smtp, MailJournal journal, MailIncidents incidents,
      RuntimeService runtime, BusinessClock clock, @Value("${award.mail.from}") String from,
      @Value("${award.mail.delivery.enabled}") boolean enabled,
      @Value("${award.mail.delivery.poll-interval}") Duration pollInterval,
      @Value("${award.mail.delivery.batch-size}") int batchSize,
      @Value("${award.mail.delivery.claim-time}") Duration claimTime,
      @Value("${award.mail.delivery.interrupted-after}") Duration interruptedAfter,
      @Value("${award.mail.delivery.retry-delays}") List<Duration> retryDelays,
      @Value("${award.mail.delivery.threads}") int threads) throws MessagingException {
    this.log = log;
    this.smtp = smtp;
    this.journal = journal;
    this.incidents = incidents;
    this.runtime = runtime;
    this.clock = clock;
    this.from = new InternetAddress(from, true);
    this.enabled = enabled;
    this.pollInterval = pollInterval;
    this.batchSize = batchSize;
    this.claimTime = claimTime;
    this.interruptedAfter = interruptedAfter;
    this.retryDelays = List.copyOf(retryDelays);
    String node = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    for (int i = 1; i <= threads; i++) {
      senders.add(new Sender(node + "#" + i));
    }
  }

  /** Sends everything due now, as one of the poller's threads does; for tests that run with the poller off. */
  public void deliverDue() {
    senders.get(0).deliverDue();
  }

  /** The server's own refusal, or addresses refused before the data: certainly not delivered. */
  static boolean refused(Exception e) {
    if (e instanceof SMTPSendFailedException answer) {
      return answer.getReturnCode() >= 400; // else no answer at all (-1): the server may have taken it
    }
    return e instanceof SendFailedException;
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  @Override
  public synchronized void start() {
    if (!enabled || poller != null) {
      return;
    }
    retireDeliveryProcesses();
    stopping = false;
    AtomicInteger threads = new AtomicInteger();
    poller = Executors.newScheduledThreadPool(senders.size(), r -> {
      Thread thread = new Thread(r, "mail-delivery-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    for (Sender sender : senders) {
      poller.scheduleWithFixedDelay(sender::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }
    LOG.info("Mail delivery started: {} threads as {} (journal check {})", senders.size(), senders.get(0).node,
        journal.enabled() ? "on" : "off");
  }

  /** Mails queued by the earlier design (one {@code mail-delivery} process each) are rows here too. */
  void retireDeliveryProcesses() {
    List<String> ids = runtime.createProcessInstanceQuery().processDefinitionKey("mail-delivery").list().stream()
        .map(ProcessInstance::getId).toList();
    if (!ids.isEmpty()) {
      runtime.deleteProcessInstances(ids, "replaced by the mail queue", true, true);
    }
  }

  @Override
  public void stop() {
    stopping = true; // the round in progress ends after its current mail
    ScheduledExecutorService running;
    synchronized (this) {
      running = poller;
      poller = null;
    }
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return poller != null;
  }

  /**
   * One sending thread's own state: its name in {@code claimed_by}, its SMTP connection, the mails it sent
   * and has not recorded yet.
   */
  /** The file types of attachments (mails here have none): one map for all messages. */
  private static final FileTypeMap FILE_TYPES = FileTypeMap.getDefaultFileTypeMap();

  private final class Sender {
    private final String node;
    private final Set<String> sentNotRecorded = new LinkedHashSet<>();
    private Transport transport;
    private long lastUsed;
    private boolean troubleLogged;

    Sender(String node) {
      this.node = node;
    }

    /**
     * Rounds (see the class comment) until one finds fewer due mails than a batch: everything due now is
     * sent, and a long queue does not keep the checks and incidents waiting.
     */
    synchronized void deliverDue() {
      try {
        boolean more;
        do {
          recordSent();
          checkInterrupted();
          more = sendBatch();
          incidents.raiseWanted();
        } while (more && !stopping);
        if (troubleLogged) {
          LOG.info("Mail delivery works again");
          troubleLogged = false;
        }
      } finally {
        closeTransport();
      }
    }

    private void recordSent() {
      for (Iterator<String> ids = sentNotRecorded.iterator(); ids.hasNext(); ) {
        String id = ids.next();
        if (!log.markSent(id, node)) {
          LOG.warn("Mail {} was sent, but another node had meanwhile taken the attempt as interrupted: its check "
              + "decides", id);
        }
        ids.remove();
      }
    }

    private void checkInterrupted() {
      List<Mail> interrupted = log.claimInterrupted(node, batchSize, clock.now().plus(interruptedAfter));
      if (interrupted.isEmpty()) {
        return;
      }
      if (!journal.enabled()) {
        for (Mail mail : interrupted) {
          log.holdUncertain(mail.id(), node);
          LOG.warn("Mail {} ({}) may or may not have been sent: no journal mailbox to check; an operator decides",
              mail.id(), mail.messageId());
        }
        return;
      }
      try (MailJournal.Search search = journal.open()) {
        for (Mail mail : interrupted) {
          boolean found = search.contains(mail.messageId());
          if (found) {
            log.foundDelivered(mail.id(), node);
          } else {
            log.foundMissing(mail.id(), node);
          }
          LOG.info("Interrupted attempt of mail {} ({}): {} in the journal mailbox, {}", mail.id(), mail.messageId(),
              found ? "found" : "not found", found ? "marked sent" : "due again");
        }
      } catch (MessagingException e) {
        // They stay SENDING until the claim above runs out, and are checked again then.
        LOG.warn("Cannot search the journal mailbox: {}", describe(e));
        interrupted.forEach(mail -> log.failedUncertainly(mail.id(), node, "Journal: " + describe(e)));
      }
    }

    /** Sends one batch of due mails; true when the batch was full (more may be due). */
    private boolean sendBatch() {
      List<Mail> batch = log.claimDue(node, batchSize, clock.now().plus(claimTime));
      for (int i = 0; i < batch.size() && !stopping; i++) {
        try {
          connect();
        } catch (MessagingException e) {
          // Nothing was sent: the server cannot be reached or refused the login. The rest of the batch waits too.
          batch.subList(i, batch.size()).forEach(mail -> failed(mail, e, true));
          return false;
        }
        send(batch.get(i));
      }
      return batch.size() == batchSize;
    }

    private void send(Mail mail) {
      MimeMessage message;
      Address[] recipients;
      try {
        message = message(mail);
        recipients = recipients(mail);
      } catch (MessagingException e) { // e.g. an address that is not one: nothing can be sent
        failed(mail, e, true);
        return;
      }
      if (!log.markSending(mail.id(), node, clock.now().plus(interruptedAfter))) {
        return; // our claim ran out and another node took the mail
      }
      try {
        transport.sendMessage(message, recipients);
      } catch (MessagingException | RuntimeException e) {
        if (refused(e)) {
          failed(mail, e, false);
        } else {
          closeTransport();
          log.failedUncertainly(mail.id(), node, describe(e));
        }
        return;
      }
      sentNotRecorded.add(mail.id());
      recordSent();
    }

    /** {@code countAttempt}: the mail was not marked SENDING, which counts an attempt. */
    private void failed(Mail mail, Exception e, boolean countAttempt) {
      int failures = mail.failures() + 1;
      Instant retryAt = failures <= retryDelays.size() ? clock.now().plus(retryDelays.get(failures - 1)) : null;
      log.failed(mail.id(), node, describe(e), retryAt, countAttempt);
      if (retryAt == null) {
        LOG.warn("Mail {} to {} failed {} times and is not retried any more: {}", mail.id(), mail.recipientEmail(),
            failures, describe(e));
      }
    }

    private MimeMessage message(Mail mail) throws MessagingException {
      MimeMessage message = new MimeMessage(smtp.getSession()) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", mail.messageId()); // the same on every attempt: what the check looks for
        }
      };
      MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name()) {
        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage mimeMessage) {
          return FILE_TYPES; // Spring's default parses its mime.types file again for every message
        }
      };
      helper.setFrom(from);
      helper.setTo(mail.recipientEmail());
      helper.setSubject(mail.subject());
      helper.setText(mail.text(), mail.html());
      helper.setSentDate(new Date());
      message.saveChanges();
      return message;
    }

    /** The recipient and, as a hidden recipient of the same SMTP transaction, the journal mailbox. */
    private Address[] recipients(Mail mail) throws MessagingException {
      InternetAddress to = new InternetAddress(mail.recipientEmail(), true);
      return journal.enabled() ? new Address[] {to, journal.address()} : new Address[] {to};
    }

    /**
     * An open connection to the SMTP server. One that has been idle a while is tested first (a NOOP), so
     * that a connection the server has dropped is noticed before a mail is marked SENDING, not during it.
     */
    private void connect() throws MessagingException {
      if (transport != null && (System.nanoTime() - lastUsed < IDLE_NANOS || transport.isConnected())) {
        lastUsed = System.nanoTime();
        return;
      }
      closeTransport();
      Transport opened = smtp.getSession().getTransport(smtp.getProtocol());
      opened.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
      transport = opened;
      lastUsed = System.nanoTime();
    }

    private void closeTransport() {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException ignored) {
          // the mails are recorded already
        }
        transport = null;
      }
    }

    private void poll() {
      try {
        deliverDue();
      } catch (RuntimeException e) { // mostly the database being away; the next round tries again
        if (!troubleLogged) {
          LOG.warn("Mail delivery paused, retried every {}: {}", pollInterval, e.toString());
          troubleLogged = true;
        }
      }
    }
  }

}
