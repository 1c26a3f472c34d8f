package vn.congdoan.award.security;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.organization.Roles;
import vn.congdoan.award.support.Texts;

/**
 * Puts {@link EngineChangeGuard} inside every engine command and on every process and user task, refuses
 * jobs to anyone but administrators and the engine, and turns the engine's per-account login lockout off
 * (a stranger could lock any account, the administrator's included; the brake is per client instead, see
 * {@code web.LoginThrottleFilter}).
 */
@Component
public class SecurityEnginePlugin extends AbstractProcessEnginePlugin {
  private final Texts texts;
  private final Roles roles;
  private final JdbcTemplate jdbc;
  private final Set<String> readOnlyRoles;
  private final ObjectProvider<FormValidator> formValidator;

  public SecurityEnginePlugin(Texts texts, Roles roles, JdbcTemplate jdbc,
      @Value("${award.security.read-only-roles:auditor}") Set<String> readOnlyRoles,
      ObjectProvider<FormValidator> formValidator) {
    this.formValidator = formValidator;
    this.texts = texts;
    this.roles = roles;
    this.jdbc = jdbc;
    this.readOnlyRoles = readOnlyRoles;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineChangeGuard guard = new EngineChangeGuard(texts, readOnlyRoles, new DutySeparation(texts, roles, jdbc),
        comment -> formValidator.getObject().textErrors(texts.get("comment.label"), comment,
            FormValidator.STORED_TEXT_LIMIT, true));
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(guard.interceptor());
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new GuardParseListener(guard));
    // No lockout of an account by failed logins: attempts are still counted, but never block the account.
    configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
    configuration.setLoginDelayBase(0);
    configuration.setLoginDelayMaxTime(0);
    configuration.setFailedJobCommandFactory(refusalIsNoJobFailure(new DefaultFailedJobCommandFactory()));
  }

  /**
   * A job a user was refused to run has not failed: its retries and its failure log stay as they were, and
   * the user gets the refusal.
   */
  private static FailedJobCommandFactory refusalIsNoJobFailure(FailedJobCommandFactory engineDefault) {
    return (jobId, failure) -> {
      for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
        if (t instanceof AuthorizationException refused) {
          throw refused;
        }
      }
      return engineDefault.getCommand(jobId, failure);
    };
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getCommandCheckers().add(0, jobsForAdministratorsOnly()); // before the engine's own checks
  }

  /**
   * The engine asks its checkers before it runs, retries or changes a job on a user's behalf: only an
   * administrator may. Refused there, before the job's work starts (the failure bookkeeping that follows
   * is refused by the guard, so the job's retries stay as they were).
   */
  private CommandChecker jobsForAdministratorsOnly() {
    return (CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
        new Class<?>[] {CommandChecker.class}, (proxy, method, args) -> {
          String name = method.getName();
          if (name.startsWith("checkUpdate") && (name.contains("Job") || name.contains("Retries"))) {
            Authentication auth = Context.getCommandContext() == null ? null : Context.getCommandContext().getAuthentication();
            if (auth != null && auth.getUserId() != null
                && (auth.getGroupIds() == null || !auth.getGroupIds().contains(EngineChangeGuard.ADMINISTRATORS))) {
              throw new Refusal(texts.get("security.jobs"));
            }
          }
          return switch (name) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "jobsForAdministratorsOnly";
            default -> null;
          };
        });
  }
}
