package vn.congdoan.award.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Teaches PostgreSQL's planner how selective Camunda's permission checks are. Every task query of a user
 * without a blanket right joins the authorizations of their groups, filtered by {@code PERMS_ & <bit> = <bit>};
 * without statistics on those expressions PostgreSQL guesses that a handful of rows pass, and for a group
 * with thousands of tasks (a provincial council) it then compares every task with every grant: seconds per
 * task list instead of milliseconds. Extended statistics on the two expressions (READ on tasks, READ_TASK on
 * definitions; PostgreSQL 14 or later) give it the real share. Created once, after Camunda's schema exists;
 * autovacuum keeps them current. On other databases, nothing.
 */
@Component
class PostgresPlannerStatistics {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresPlannerStatistics.class);
  private final DataSource dataSource;

  PostgresPlannerStatistics(DataSource dataSource) {
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
        s.execute("create statistics if not exists award_auth_perms on (perms_ & 2), (perms_ & 64) "
            + "from act_ru_authorization");
        s.execute("analyze act_ru_authorization");
      }
    } catch (SQLException e) {
      // two nodes starting together may race on the create; the planner works without, only slower
      LOG.warn("Planner statistics on act_ru_authorization not created: {}", e.getMessage());
    }
  }
}
