package vn.congdoan.award.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterSingleResultCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, task queries (task lists and counts, Tasklist's filters, which are stored task queries) are
 * planned for their own values: {@code SET LOCAL plan_cache_mode = force_custom_plan} for that transaction. A
 * cached generic plan of Camunda's task query sees only {@code PERMS_ & $1 = $2}, cannot use the statistics
 * and the partial index of {@link PostgresAuthorizationTuning}, and may compare every task with every grant
 * again. Only task queries: they are what grows with a group's work and joins the grants that way; every
 * other statement keeps its cached plan, so that planning costs nothing where it cannot help (planning every
 * statement took ≈ 40 % more PostgreSQL CPU per nomination, planning every query ≈ 20 % of the throughput).
 */
@Component
class QueryPlanning extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new Interceptor());
  }

  static boolean isQuery(Command<?> command) {
    return command instanceof TaskQueryImpl || command instanceof ExecuteFilterListCmd
        || command instanceof ExecuteFilterListPageCmd || command instanceof ExecuteFilterCountCmd
        || command instanceof ExecuteFilterSingleResultCmd;
  }

  static final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      var context = Context.getCommandContext();
      if (context != null && isQuery(command) && "postgres".equals(context.getProcessEngineConfiguration().getDatabaseType())) {
        Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
        try (Statement s = connection.createStatement()) {
          s.execute("set local plan_cache_mode = force_custom_plan");
        } catch (SQLException e) {
          throw new ProcessEngineException("could not set the query planning of this transaction", e);
        }
      }
      return next.execute(command);
    }
  }
}
