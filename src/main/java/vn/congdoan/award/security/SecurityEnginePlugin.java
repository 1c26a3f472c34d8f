package vn.congdoan.award.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.congdoan.award.organization.Roles;
import vn.congdoan.award.support.Texts;

/** Puts {@link StepInputGuard} and {@link DutySeparationGuard} in front of every engine command. */
@Component
public class SecurityEnginePlugin extends AbstractProcessEnginePlugin {
  private final Texts texts;
  private final Roles roles;
  private final JdbcTemplate jdbc;

  public SecurityEnginePlugin(Texts texts, Roles roles, JdbcTemplate jdbc) {
    this.texts = texts;
    this.roles = roles;
    this.jdbc = jdbc;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new StepInputGuard(texts));
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new DutySeparationGuard(texts, roles, jdbc));
  }
}
