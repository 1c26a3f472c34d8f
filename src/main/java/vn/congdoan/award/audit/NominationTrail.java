package vn.congdoan.award.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import vn.congdoan.award.nomination.ReviewSnapshot;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * The full trail of one nomination for its page: every review action with its reason in full (our
 * {@code nomination_review}), every user task with who held it and how long (Camunda's task history), every
 * user operation on it (claims, assignments, changes by administrators; Camunda's operation log), and every
 * mail with its delivery state. The caller has checked the user's scope; Camunda's history is read without
 * its authorization checks, because the scope, not a per-instance grant, decides what an auditor may read.
 */
@Service
public class NominationTrail {

  /**
   * One action: its reason in full, what the step entered ({@code entries}: ballot figures, meeting data, the
   * dossier at a filing) and, for a resubmission or a step done again, what differs from the time before.
   */
  public record Review(String step, String stepName, String actor, String actorName, String actorUnits,
      String outcome, String outcomeName, String reason, String at, List<ReviewSnapshot.Entry> entries,
      List<ReviewSnapshot.Change> changes) {}

  public record Step(String name, String assignee, String assigneeName, String assigneeUnits, String started,
      String ended, String duration, String dueDate, String deleteReason) {}

  public record Operation(String at, String user, String userName, String operation, String property,
      String orgValue, String newValue, String taskId) {}

  public record Mail(String queuedAt, String recipient, String subject, String status, String statusName,
      String sentAt, int attempts) {}

  public record Trail(List<Review> reviews, List<Step> steps, List<Operation> operations, List<Mail> mails) {}

  private final JdbcTemplate jdbc;
  private final HistoryService history;
  private final IdentityService identity;
  private final WithoutAuthorization withoutAuthorization;
  private final Texts texts;
  private final DateTimeFormatter time;

  public NominationTrail(JdbcTemplate jdbc, HistoryService history, IdentityService identity,
      WithoutAuthorization withoutAuthorization, Texts texts, BusinessClock clock) {
    this.jdbc = jdbc;
    this.history = history;
    this.identity = identity;
    this.withoutAuthorization = withoutAuthorization;
    this.texts = texts;
    this.time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(clock.zone());
  }

  public Trail of(String processInstanceId) {
    return withoutAuthorization.call(() -> {
      Map<String, String> names = new HashMap<>();
      Map<String, String> units = new HashMap<>();
      List<Review> reviews = new ArrayList<>();
      List<Map<String, Object>> rows = jdbc.queryForList(
          "select * from nomination_review where process_instance_id = ? order by seq", processInstanceId);
      List<List<ReviewSnapshot.Entry>> submitted = rows.stream()
          .map(r -> ReviewSnapshot.fromJson((String) r.get("details"))).toList();
      List<List<ReviewSnapshot.Change>> changes = ReviewSnapshot.changes(submitted);
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> r = rows.get(i);
        String actor = (String) r.get("actor");
        String outcome = (String) r.get("outcome");
        String actorName = r.get("actor_name") instanceof String kept ? kept : name(actor, names);
        reviews.add(new Review((String) r.get("step"), (String) r.get("step_name"), actor, actorName,
            units(actor, units), outcome,
            texts.getOrDefault("review.outcome." + outcome, outcome), (String) r.get("reason"),
            format((java.util.Date) r.get("acted_at")), submitted.get(i), changes.get(i)));
      }
      List<Step> steps = new ArrayList<>();
      for (HistoricTaskInstance t : history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
          .orderByHistoricActivityInstanceStartTime().asc().list()) {
        Date end = t.getEndTime();
        Duration took = Duration.between(t.getStartTime().toInstant(), end == null ? Instant.now() : end.toInstant());
        steps.add(new Step(t.getName(), t.getAssignee(), name(t.getAssignee(), names), units(t.getAssignee(), units),
            format(t.getStartTime()),
            format(end), duration(took), format(t.getDueDate()), t.getDeleteReason()));
      }
      List<Operation> operations = new ArrayList<>();
      for (UserOperationLogEntry e : history.createUserOperationLogQuery().processInstanceId(processInstanceId)
          .orderByTimestamp().asc().list()) {
        operations.add(new Operation(format(e.getTimestamp()), e.getUserId(), name(e.getUserId(), names),
            texts.getOrDefault("operation." + e.getOperationType(), e.getOperationType()), e.getProperty(),
            e.getOrgValue(), e.getNewValue(), e.getTaskId()));
      }
      List<Mail> mails = new ArrayList<>();
      for (Map<String, Object> m : jdbc.queryForList("""
          select queued_at, recipient_email, subject, status, sent_at, attempts from mail_message
          where process_instance_id = ? order by queued_at, id""", processInstanceId)) {
        String status = (String) m.get("status");
        mails.add(new Mail(format((Date) m.get("queued_at")), (String) m.get("recipient_email"),
            (String) m.get("subject"), status, texts.getOrDefault("mail.status." + status, status),
            format((Date) m.get("sent_at")), ((Number) m.get("attempts")).intValue()));
      }
      return new Trail(reviews, steps, operations, mails);
    });
  }

  /** "Full name (id)" of a Camunda user, the id alone if there is no such user. */
  String name(String userId, Map<String, String> cache) {
    if (userId == null) {
      return null;
    }
    return cache.computeIfAbsent(userId, id -> {
      User user = identity.createUserQuery().userId(id).singleResult();
      return user == null ? id : (user.getFirstName() + " " + user.getLastName()).strip();
    });
  }

  /**
   * The user's roles in their units, as their groups are named ("Cán bộ thẩm định – Công đoàn ngành Y tế"),
   * for the trail's "who": a name alone does not say for which union someone acted. Administrators' group
   * is left out.
   */
  String units(String userId, Map<String, String> cache) {
    if (userId == null) {
      return null;
    }
    return cache.computeIfAbsent(userId, id -> {
      List<String> groups = identity.createGroupQuery().groupMember(id).orderByGroupName().asc().list().stream()
          .filter(g -> !"camunda-admin".equals(g.getId())).map(g -> g.getName() == null ? g.getId() : g.getName())
          .toList();
      return groups.isEmpty() ? null : String.join("; ", groups);
    });
  }

  private String format(Date date) {
    return date == null ? null : time.format(date.toInstant());
  }

  static String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 60) {
      return minutes + " phút";
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " giờ " + (minutes % 60) + " phút";
    }
    return (hours / 24) + " ngày " + (hours % 24) + " giờ";
  }
}
