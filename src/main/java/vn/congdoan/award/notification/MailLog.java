package vn.congdoan.award.notification;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.congdoan.award.support.BusinessClock;

/** The {@code mail_message} table: every queued mail and what became of it. */
@Repository
public class MailLog {
  public static final String QUEUED = "QUEUED";
  public static final String SENT = "SENT";
  public static final String HELD = "HELD";
  public static final String DIGESTED = "DIGESTED";

  /** A mail as queued. */
  public record Mail(String id, String processInstanceId, String nominationCode, String template, String event,
      String taskId, String recipientUser, String recipientEmail, String subject, String text, String html,
      String status, int attempts) {}

  private final JdbcTemplate jdbc;
  private final BusinessClock clock;
  private final TransactionTemplate ownTransaction;

  public MailLog(JdbcTemplate jdbc, BusinessClock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String insert(String processInstanceId, String nominationCode, String template, String event, String taskId,
      String recipientUser, String recipientEmail, MailTemplates.Rendered mail, String status) {
    String id = UUID.randomUUID().toString();
    jdbc.update("""
        insert into mail_message (id, process_instance_id, nomination_code, template, event, task_id, recipient_user,
          recipient_email, subject, body_text, body_html, status, attempts, queued_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""",
        id, processInstanceId, nominationCode, template, event, taskId, recipientUser, recipientEmail,
        mail.subject(), mail.text(), mail.html(), status, now());
    return id;
  }

  public Optional<Mail> find(String id) {
    return jdbc.query("select * from mail_message where id = ?", (rs, i) -> new Mail(rs.getString("id"),
        rs.getString("process_instance_id"), rs.getString("nomination_code"), rs.getString("template"),
        rs.getString("event"), rs.getString("task_id"), rs.getString("recipient_user"),
        rs.getString("recipient_email"), rs.getString("subject"), rs.getString("body_text"),
        rs.getString("body_html"), rs.getString("status"), rs.getInt("attempts")), id).stream().findFirst();
  }

  public void markSent(String id) {
    Timestamp now = now();
    jdbc.update("update mail_message set status = ?, attempts = attempts + 1, last_attempt_at = ?, sent_at = ?, "
        + "last_error = null where id = ?", SENT, now, now, id);
  }

  /**
   * Records a failed attempt in its own transaction: the job's transaction rolls back so the engine can
   * retry it, but the attempt and its error must stay visible.
   */
  public void recordFailure(String id, String error) {
    String message = error == null ? "" : error.length() > 2000 ? error.substring(0, 2000) : error;
    ownTransaction.executeWithoutResult(s -> jdbc.update(
        "update mail_message set attempts = attempts + 1, last_attempt_at = ?, last_error = ? where id = ?",
        now(), message, id));
  }

  /** Held mails of every recipient, oldest first, for the digest. */
  public List<Map<String, Object>> held() {
    return jdbc.queryForList("select * from mail_message where status = ? order by recipient_email, queued_at", HELD);
  }

  public void markDigested(List<String> ids, String digestId) {
    for (String id : ids) {
      jdbc.update("update mail_message set status = ?, digest_id = ? where id = ? and status = ?",
          DIGESTED, digestId, id, HELD);
    }
  }

  private Timestamp now() {
    return Timestamp.from(clock.now());
  }
}
