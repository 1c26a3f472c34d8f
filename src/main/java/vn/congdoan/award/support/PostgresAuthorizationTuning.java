package vn.congdoan.award.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes Camunda's task queries fast on PostgreSQL for groups with thousands of tasks. Every task query of a
 * user without a blanket right joins the grants of their groups to each task with
 * {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}, keeping those with {@code PERMS_ & <bit> = <bit>} (READ on
 * tasks, READ_TASK on definitions). PostgreSQL cannot hash that join; guessing that a handful of grants pass
 * the bit test, it compared each of a provincial council's 4,000 tasks with each of its 4,000 task grants
 * (seconds per task list). Two objects, created once after Camunda's schema exists, let it look up each
 * task's grants by index instead (with {@link PostgresSessionSettings}):
 * <ul>
 *   <li>extended statistics on the two bit expressions (PostgreSQL 14+): the real share of rows that pass;
 *   <li>a partial index on the resource id of just those grants: the lookups by {@code D.KEY_} and {@code '*'}
 *       then skip the start and read grants every group holds, so a task costs one or two index entries
 *       whatever the number of units.
 * </ul>
 * On other databases, nothing. Autovacuum keeps the statistics current.
 */
@Component
class PostgresAuthorizationTuning {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresAuthorizationTuning.class);
  private final DataSource dataSource;

  PostgresAuthorizationTuning(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @EventListener(ApplicationStartedEvent.class)
  void ensure() {
    try (Connection c = dataSource.getConnection()) {
      if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())
          || c.getMetaData().getDatabaseMajorVersion() < 14) {
        return;
      }
      try (Statement s = c.createStatement()) {
        int read = Permissions.READ.getValue();
        int readTask = Permissions.READ_TASK.getValue();
        s.execute("create statistics if not exists award_auth_perms on (perms_ & " + read + "), (perms_ & "
            + readTask + ") from act_ru_authorization");
        // the predicate is the permission filter of Camunda's task queries, as PostgreSQL sees it
        s.execute("create index if not exists award_auth_task_read on act_ru_authorization (resource_id_) where "
            + "(resource_type_ = " + Resources.TASK.resourceType() + " and (perms_ & " + read + ") = " + read + ") or "
            + "(resource_type_ = " + Resources.PROCESS_DEFINITION.resourceType() + " and (perms_ & " + readTask
            + ") = " + readTask + ")");
        s.execute("analyze act_ru_authorization");
      }
    } catch (SQLException e) {
      // two nodes starting together may race on the create; the planner works without, only slower
      LOG.warn("Statistics or index for task queries on act_ru_authorization not created: {}", e.getMessage());
    }
  }
}
