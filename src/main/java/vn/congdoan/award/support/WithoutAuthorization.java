package vn.congdoan.award.support;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls in one transaction with the engine's authorization checks off, for actions whose
 * permission the application has checked itself. The current user stays authenticated, so the user
 * operation log still names them.
 */
@Component
public class WithoutAuthorization {
  private final ProcessEngineConfiguration configuration;

  public WithoutAuthorization(ProcessEngineConfiguration configuration) {
    this.configuration = configuration;
  }

  public <T> T call(Callable<T> work) {
    return ((ProcessEngineConfigurationImpl) configuration).getCommandExecutorTxRequired()
        .execute(context -> {
          // the application checked this action itself: the engine-change guard need not judge it
          vn.congdoan.award.security.EngineChangeGuard.vouchForCurrentCommand();
          return context.runWithoutAuthorization(work);
        });
  }
}
