package vn.congdoan.award.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes that start at the same moment on one PostgreSQL database take turns, from before Flyway migrates
 * and before the engine checks (and on an empty database, creates) its schema until the application is
 * ready: the schema, the deployment, the administrator, the organisation's groups and users and the demo
 * data are then each made by one node, and the next finds them made. Without it, two engines creating
 * their tables at once fail ({@code duplicate key value violates unique constraint "pg_type_typname_nsp_index"}),
 * and two organisation syncs insert the same groups.
 *
 * <p>A PostgreSQL session-level advisory lock on a connection of its own, taken by the first of Flyway's
 * migration and the engine plugin's {@code preInit}, released when the application is ready (after every
 * other ready listener) or its context closes; if the node dies, PostgreSQL releases it with the session.
 * Flyway keeps its own lock for our tables as well. On H2 (one node, the embedded default) it does nothing.
 */
@Component
public class StartupLock extends AbstractProcessEnginePlugin implements FlywayMigrationStrategy, DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
  /** The advisory lock's key: any number no other program takes on this database. */
  static final long KEY = 0x6177617264L; // "award"

  private final DataSource dataSource;
  private Connection connection;
  private boolean done;

  public StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void migrate(Flyway flyway) {
    acquire();
    flyway.migrate();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    acquire();
  }

  /** Takes the lock, waiting while another node holds it; once per run. */
  public synchronized void acquire() {
    if (connection != null || done) {
      return;
    }
    try {
      Connection opened = dataSource.getConnection();
      if (!"PostgreSQL".equals(opened.getMetaData().getDatabaseProductName())) {
        opened.close();
        done = true;
        return;
      }
      opened.setAutoCommit(true);
      if (!call(opened, "select pg_try_advisory_lock(?)")) {
        LOG.info("Another node is starting on this database; this one waits for it to be ready");
        long start = System.nanoTime();
        call(opened, "select pg_advisory_lock(?) is not null");
        LOG.info("Waited {} ms for the other node's startup", (System.nanoTime() - start) / 1_000_000);
      }
      connection = opened;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the startup lock on the database", e);
    }
  }

  private static boolean call(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, KEY);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  /** Lets the next node start: after every other listener of the ready event (the demo data's among them). */
  @EventListener(ApplicationReadyEvent.class)
  @Order(Ordered.LOWEST_PRECEDENCE)
  public synchronized void release() {
    done = true;
    if (connection == null) {
      return;
    }
    try (Connection held = connection) {
      call(held, "select pg_advisory_unlock(?)");
      LOG.info("Startup finished; another node may start now");
    } catch (SQLException e) {
      LOG.warn("Could not release the startup lock; PostgreSQL releases it with the connection: {}", e.toString());
    } finally {
      connection = null;
    }
  }

  @Override
  public void destroy() {
    release();
  }
}
