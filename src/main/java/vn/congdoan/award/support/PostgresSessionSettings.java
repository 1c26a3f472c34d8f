package vn.congdoan.award.support;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Planner settings for every session this application opens on PostgreSQL, whatever the profile
 * ({@code award.db.postgres-session-settings}; README, "Performance"): by default, random page reads cost
 * little more than sequential ones (SSD, data in cache), which lets the planner look each task's grants up by
 * index ({@link PostgresAuthorizationTuning}, {@link QueryPlanning}). A pool with its own init SQL keeps it.
 */
@Component
class PostgresSessionSettings implements BeanPostProcessor {
  private final String settings;

  PostgresSessionSettings(@Value("${award.db.postgres-session-settings:}") String settings) {
    this.settings = settings;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null
        && !settings.isBlank()) {
      pool.setConnectionInitSql(settings);
    }
    return bean;
  }
}
