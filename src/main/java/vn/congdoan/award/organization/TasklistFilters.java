package vn.congdoan.award.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters every user sees. The queries use Tasklist's own expressions
 * (currentUser(), currentUserGroups(), now()), so one filter serves all units. A filter that exists is
 * left as it is: administrators may have tuned it in Tasklist.
 */
@Component
class TasklistFilters {

  /** Process variables shown on each task card (names from docs/design.md). */
  private static final List<Map<String, String>> CARD_VARIABLES = List.of(
      Map.of("name", "nominationCode", "label", "Mã hồ sơ"),
      Map.of("name", "nomineeName", "label", "Cá nhân / tập thể được đề nghị"),
      Map.of("name", "awardFormName", "label", "Hình thức khen thưởng"),
      Map.of("name", "grassrootsUnitName", "label", "Công đoàn cơ sở"));

  private final FilterService filters;
  private final TaskService tasks;
  private final GroupAuthorizations authorizations;

  TasklistFilters(FilterService filters, TaskService tasks, GroupAuthorizations authorizations) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
  }

  /** @return how many filters were created plus how many of their authorizations were created or widened */
  int ensure() {
    int changed = 0;
    changed += ensure("Việc được giao cho tôi", "Các việc đang được giao cho chính tôi.", "#3c8dbc", 1,
        tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
    changed += ensure("Việc của đơn vị tôi",
        "Các việc của các nhóm tôi thuộc về, kể cả việc đã có người nhận.", "#00a65a", 2,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .orderByDueDate().asc());
    changed += ensure("Việc quá hạn", "Các việc của các nhóm tôi thuộc về đã quá hạn xử lý.", "#dd4b39", 3,
        tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .dueBeforeExpression("${now()}").orderByDueDate().asc());
    return changed;
  }

  private int ensure(String name, String description, String color, int priority, TaskQuery query) {
    int changed = 0;
    Filter filter = filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
    if (filter == null) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("color", color);
      properties.put("description", description);
      properties.put("priority", priority);
      properties.put("refresh", true);
      properties.put("variables", CARD_VARIABLES);
      filter = filters.saveFilter(filters.newTaskFilter(name).setOwner(null).setQuery(query)
          .setProperties(properties));
      changed++;
    }
    return changed + authorizations.grantEveryone(Resources.FILTER, filter.getId(), Permissions.READ);
  }
}
