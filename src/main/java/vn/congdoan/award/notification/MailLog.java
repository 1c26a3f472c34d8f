package vn.congdoan.award.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.congdoan.award.support.BusinessClock;

/**
 * The {@code mail_message} table: every queued mail and what became of it; it is also the delivery queue
 * that {@link MailDelivery} works off. The states (README, "Mail delivery"):
 * <ul>
 *   <li>{@value #QUEUED}: due from {@code next_attempt_at}; a node may hold a short claim on it
 *       ({@code claimed_by} until {@code claimed_until}) while it works through a batch;
 *   <li>{@value #SENDING}: marked, and committed, just before the SMTP call, until {@code claimed_until}: the
 *       mail may have reached the SMTP server, so it is never sent again without a check;
 *   <li>{@value #SENT}; {@value #FAILED} (retries used up); {@value #UNCERTAIN} (an interrupted attempt
 *       with no check configured: an operator confirms or resends);
 *   <li>{@value #HELD} for the daily digest, then {@value #DIGESTED}.
 * </ul>
 * Every change of state is a conditional update on the expected state (and node), so two nodes can never
 * both move the same mail.
 */
@Repository
public class MailLog {
  public static final String QUEUED = "QUEUED";
  public static final String SENDING = "SENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  public static final String UNCERTAIN = "UNCERTAIN";
  public static final String HELD = "HELD";
  public static final String DIGESTED = "DIGESTED";

  /** What the check of an interrupted attempt found. */
  public static final String FOUND = "FOUND";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String NO_CHECK = "NO_CHECK";

  /** A mail as queued, with its delivery state. */
  public record Mail(String id, String processInstanceId, String nominationCode, String template, String event,
      String taskId, String recipientUser, String recipientEmail, String subject, String text, String html,
      String status, int attempts, int failures, String messageId, String lastError, Instant queuedAt,
      Instant lastAttemptAt, Instant sentAt, String checkResult, String incidentId) {}

  private static final String PROBLEMS = "('" + FAILED + "', '" + UNCERTAIN + "')";

  private final JdbcTemplate jdbc;
  private final BusinessClock clock;
  private final TransactionTemplate transaction;
  private final String messageIdDomain;

  public MailLog(JdbcTemplate jdbc, BusinessClock clock, PlatformTransactionManager transactions,
      @Value("${award.mail.from}") String from) throws AddressException {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    String address = new InternetAddress(from).getAddress();
    this.messageIdDomain = address.substring(address.indexOf('@') + 1);
  }

  /** Queues a mail ({@value #QUEUED}, due now) or holds it for the digest ({@value #HELD}). */
  public String insert(String processInstanceId, String nominationCode, String template, String event, String taskId,
      String recipientUser, String recipientEmail, MailTemplates.Rendered mail, String status) {
    String id = UUID.randomUUID().toString();
    Timestamp now = now();
    jdbc.update("""
        insert into mail_message (id, process_instance_id, nomination_code, template, event, task_id, recipient_user,
          recipient_email, subject, body_text, body_html, status, attempts, queued_at, message_id, next_attempt_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
        id, processInstanceId, nominationCode, template, event, taskId, recipientUser, recipientEmail,
        mail.subject(), mail.text(), mail.html(), status, now, "<" + id + "@" + messageIdDomain + ">", now);
    return id;
  }

  public Optional<Mail> find(String id) {
    return jdbc.query("select * from mail_message where id = ?", (rs, i) -> mail(rs), id).stream().findFirst();
  }

  /** The mails in these states, oldest first. */
  public List<Mail> withStatus(Collection<String> statuses, int limit) {
    String marks = String.join(", ", statuses.stream().map(s -> "?").toList());
    return jdbc.query("select * from mail_message where status in (" + marks + ") order by queued_at, id fetch first "
        + limit + " rows only", (rs, i) -> mail(rs), statuses.toArray());
  }

  /**
   * Claims up to {@code limit} due mails for {@code node} until {@code until}: rows that another node's
   * claim still covers are skipped, and so are rows another claimer has locked at this moment.
   */
  public List<Mail> claimDue(String node, int limit, Instant until) {
    return claim("status = '" + QUEUED + "' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ? "
        + "or claimed_by = ?) order by next_attempt_at", node, limit, until, now(), now(), node);
  }

  /**
   * Claims, for a check, up to {@code limit} attempts that ended without a result: {@value #SENDING} past
   * its end (the node died, or lost the database, between marking it and recording the result).
   */
  public List<Mail> claimInterrupted(String node, int limit, Instant until) {
    return claim("status = '" + SENDING + "' and claimed_until < ? order by claimed_until", node, limit, until, now());
  }

  private List<Mail> claim(String condition, String node, int limit, Instant until, Object... args) {
    return transaction.execute(status -> {
      // H2 2.3 takes FOR UPDATE SKIP LOCKED but, with a row limit, locks every row that matches: a second
      // claimer then finds nothing until the first commits. Still exclusive, and the claim is short.
      List<Mail> mails = jdbc.query("select * from mail_message where " + condition + " fetch first " + limit
          + " rows only for update skip locked", (rs, i) -> mail(rs), args);
      for (Mail mail : mails) {
        jdbc.update("update mail_message set claimed_by = ?, claimed_until = ? where id = ?", node,
            Timestamp.from(until), mail.id());
      }
      return mails;
    });
  }

  /** The last commit before the SMTP call: the attempt may reach the server from now until {@code until}. */
  public boolean markSending(String id, String node, Instant until) {
    return jdbc.update("update mail_message set status = ?, attempts = attempts + 1, last_attempt_at = ?, "
        + "claimed_until = ? where id = ? and status = ? and claimed_by = ?",
        SENDING, now(), Timestamp.from(until), id, QUEUED, node) == 1;
  }

  /** The SMTP server accepted the mail. False when another node has meanwhile taken the attempt as interrupted. */
  public boolean markSent(String id, String node) {
    return jdbc.update("update mail_message set status = ?, sent_at = ?, last_error = null, claimed_until = null "
        + "where id = ? and status = ? and claimed_by = ?", SENT, now(), id, SENDING, node) == 1;
  }

  /**
   * An attempt that certainly did not deliver (the server could not be reached, or refused the mail): due
   * again at {@code retryAt}, or {@value #FAILED} when that is null. {@code countAttempt}: the failure
   * happened before the mail was marked {@value #SENDING}, so the attempt is counted here.
   */
  public void failed(String id, String node, String error, Instant retryAt, boolean countAttempt) {
    jdbc.update("update mail_message set status = ?, failures = failures + 1, attempts = attempts + ?, "
        + "last_attempt_at = ?, last_error = ?, next_attempt_at = ?, claimed_until = null, needs_incident = ? "
        + "where id = ? and status in (?, ?) and claimed_by = ?",
        retryAt == null ? FAILED : QUEUED, countAttempt ? 1 : 0, now(), truncate(error),
        retryAt == null ? null : Timestamp.from(retryAt), retryAt == null, id, QUEUED, SENDING, node);
  }

  /** An attempt that may have delivered: it stays {@value #SENDING} and is checked once its time is up. */
  public void failedUncertainly(String id, String node, String error) {
    jdbc.update("update mail_message set last_error = ? where id = ? and status = ? and claimed_by = ?",
        truncate(error), id, SENDING, node);
  }

  /** The check found the interrupted attempt's mail at the server: it was sent then. */
  public void foundDelivered(String id, String node) {
    resolveInterrupted(id, node, SENT, FOUND, "sent_at = last_attempt_at, last_error = null");
  }

  /** The check did not find it: due again now (it was due when it was claimed, and stays so). */
  public void foundMissing(String id, String node) {
    resolveInterrupted(id, node, QUEUED, NOT_FOUND, "last_error = null");
  }

  /** No check is configured: an operator decides ({@link #confirmDelivered}, {@link #resend}). */
  public void holdUncertain(String id, String node) {
    resolveInterrupted(id, node, UNCERTAIN, NO_CHECK, "needs_incident = true");
  }

  private void resolveInterrupted(String id, String node, String status, String checkResult, String also) {
    jdbc.update("update mail_message set status = ?, check_result = ?, claimed_until = null, " + also
        + " where id = ? and status = ? and claimed_by = ?", status, checkResult, id, SENDING, node);
  }

  /** An operator's resend of a {@value #FAILED} or {@value #UNCERTAIN} mail: due now, with its retries again. */
  public boolean resend(String id) {
    return jdbc.update("update mail_message set status = ?, failures = 0, next_attempt_at = ?, claimed_by = null, "
        + "claimed_until = null, incident_id = null, needs_incident = false where id = ? and status in " + PROBLEMS,
        QUEUED, now(), id) == 1;
  }

  /** An operator's word that an {@value #UNCERTAIN} mail did arrive. */
  public boolean confirmDelivered(String id) {
    return jdbc.update("update mail_message set status = ?, sent_at = last_attempt_at, incident_id = null, "
        + "needs_incident = false where id = ? and status = ?", SENT, id, UNCERTAIN) == 1;
  }

  /** {@value #FAILED} and {@value #UNCERTAIN} mails with no open incident where one could be shown. */
  public List<Mail> wantingIncident() {
    return jdbc.query("select * from mail_message where status in " + PROBLEMS + " and needs_incident = true",
        (rs, i) -> mail(rs));
  }

  /** True for the one caller that is to raise the mail's incident (in the transaction that raises it). */
  public boolean takeIncidentRequest(String id) {
    return jdbc.update("update mail_message set needs_incident = false where id = ? and needs_incident = true", id) == 1;
  }

  /** {@code incidentId} null: the nomination has ended, there is nowhere in Cockpit to show it. */
  public void incidentRaised(String id, String incidentId) {
    jdbc.update("update mail_message set incident_id = ? where id = ?", incidentId, id);
  }

  /** The incident's execution ended (the nomination moved on): raise it again where the nomination is now. */
  public void incidentGone(String id) {
    jdbc.update("update mail_message set incident_id = null, needs_incident = case when status in " + PROBLEMS
        + " then true else false end where id = ?", id);
  }

  /** Held mails of every recipient, oldest first, for the digest. */
  public List<Mail> held() {
    return jdbc.query("select * from mail_message where status = ? order by recipient_email, queued_at",
        (rs, i) -> mail(rs), HELD);
  }

  public void markDigested(List<String> ids, String digestId) {
    for (String id : ids) {
      jdbc.update("update mail_message set status = ?, digest_id = ? where id = ? and status = ?",
          DIGESTED, digestId, id, HELD);
    }
  }

  private static Mail mail(ResultSet rs) throws SQLException {
    return new Mail(rs.getString("id"), rs.getString("process_instance_id"), rs.getString("nomination_code"),
        rs.getString("template"), rs.getString("event"), rs.getString("task_id"), rs.getString("recipient_user"),
        rs.getString("recipient_email"), rs.getString("subject"), rs.getString("body_text"),
        rs.getString("body_html"), rs.getString("status"), rs.getInt("attempts"), rs.getInt("failures"),
        rs.getString("message_id"), rs.getString("last_error"), instant(rs, "queued_at"),
        instant(rs, "last_attempt_at"), instant(rs, "sent_at"), rs.getString("check_result"),
        rs.getString("incident_id"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp time = rs.getTimestamp(column);
    return time == null ? null : time.toInstant();
  }

  private static String truncate(String error) {
    return error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error;
  }

  private Timestamp now() {
    return Timestamp.from(clock.now());
  }
}
