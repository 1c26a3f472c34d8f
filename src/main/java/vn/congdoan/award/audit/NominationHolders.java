package vn.congdoan.award.audit;

import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * Who holds each of a page's nominations now: its open tasks, the person who took each or the groups that
 * may take it, since when and due when. Read from the engine's runtime for the rows of one page only (one
 * query for the tasks, one per task nobody took for its groups, one for the names); the caller has checked
 * the scope.
 */
@Service
public class NominationHolders {
  /** One open task of a nomination; {@code mine}: the current user may work on it in Tasklist. */
  public record Holder(String taskId, String step, String assignee, String holderName, String since, String due,
      boolean overdue, boolean mine) {}

  private final TaskService tasks;
  private final IdentityService identity;
  private final WithoutAuthorization withoutAuthorization;
  private final BusinessClock clock;
  private final DateTimeFormatter time;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;

  public NominationHolders(TaskService tasks, IdentityService identity, WithoutAuthorization withoutAuthorization,
      BusinessClock clock, org.springframework.jdbc.core.JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.identity = identity;
    this.withoutAuthorization = withoutAuthorization;
    this.clock = clock;
    this.time = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(clock.zone());
  }

  /** Open tasks per process instance id, for the given user and their groups. */
  public Map<String, List<Holder>> of(Collection<String> processInstanceIds, String user, List<String> userGroups) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    return withoutAuthorization.call(() -> {
      List<Task> open = tasks.createTaskQuery().processInstanceIdIn(processInstanceIds.toArray(String[]::new))
          .orderByTaskCreateTime().asc().list();
      Map<String, Set<String>> groupsOfTask = new HashMap<>();
      Set<String> groupIds = new TreeSet<>();
      Set<String> userIds = new TreeSet<>();
      for (Task t : open) {
        if (t.getAssignee() != null) {
          userIds.add(t.getAssignee());
        } else {
          for (IdentityLink link : tasks.getIdentityLinksForTask(t.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
              groupsOfTask.computeIfAbsent(t.getId(), k -> new TreeSet<>()).add(link.getGroupId());
              groupIds.add(link.getGroupId());
            }
          }
        }
      }
      Map<String, String> groupNames = new HashMap<>();
      if (!groupIds.isEmpty()) {
        for (Group g : identity.createGroupQuery().groupIdIn(groupIds.toArray(String[]::new)).list()) {
          groupNames.put(g.getId(), g.getName());
        }
      }
      Map<String, String> userNames = new HashMap<>();
      if (!userIds.isEmpty()) {
        for (User u : identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list()) {
          userNames.put(u.getId(), (u.getFirstName() + " " + u.getLastName()).strip());
        }
      }
      // a step the user stepped back from (recusal) is not theirs any more
      Set<String> recused = new java.util.HashSet<>();
      if (user != null) {
        String marks = String.join(", ", processInstanceIds.stream().map(id -> "?").toList());
        List<Object> args = new java.util.ArrayList<>(processInstanceIds);
        args.add(user);
        jdbc.query("select process_instance_id, step from nomination_review where process_instance_id in (" + marks
            + ") and actor = ? and outcome = 'recused'", rs -> {
              recused.add(rs.getString(1) + "/" + rs.getString(2));
            }, args.toArray());
      }
      Date now = Date.from(clock.now());
      Map<String, List<Holder>> out = new LinkedHashMap<>();
      for (Task t : open) {
        Set<String> candidates = groupsOfTask.getOrDefault(t.getId(), Set.of());
        String holder = t.getAssignee() != null ? userNames.getOrDefault(t.getAssignee(), t.getAssignee())
            : candidates.isEmpty() ? null
            : "Chưa ai nhận – " + String.join(", ", candidates.stream().map(g -> groupNames.getOrDefault(g, g)).toList());
        boolean mine = user != null && !recused.contains(t.getProcessInstanceId() + "/" + t.getTaskDefinitionKey())
            && (user.equals(t.getAssignee())
                || (t.getAssignee() == null && candidates.stream().anyMatch(userGroups::contains)));
        out.computeIfAbsent(t.getProcessInstanceId(), k -> new java.util.ArrayList<>()).add(new Holder(t.getId(),
            t.getName(), t.getAssignee(), holder, format(t.getCreateTime()), format(t.getDueDate()),
            t.getDueDate() != null && t.getDueDate().before(now), mine));
      }
      return out;
    });
  }

  private String format(Date date) {
    return date == null ? null : time.format(date.toInstant());
  }
}
