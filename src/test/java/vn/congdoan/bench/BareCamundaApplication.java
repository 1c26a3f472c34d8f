package vn.congdoan.bench;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The baseline of {@code ThroughputBenchmark}: Camunda 7.24 as its Spring Boot starter comes, with what any
 * production use has (REST with HTTP Basic, authorization checks, full history, PostgreSQL) and nothing of
 * this project: a process with the same user tasks, timer and async decision step as the provincial path
 * of a nomination, and the same users. Configured by {@code bare.yml} (spring.config.name=bare).
 */
@SpringBootApplication(exclude = FlywayAutoConfiguration.class)
public class BareCamundaApplication {
  static final List<String> USERS = List.of("lap.bvdk", "chutich.bvdk", "thamdinh.yte", "thuky.tinh", "hoidong.tinh",
      "thuongvu.tinh");

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(BareCamundaApplication.class);
    app.setDefaultProperties(java.util.Map.of("spring.config.name", "bare"));
    app.run(args);
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  /** One group per user (the task's candidate group), and the rights a Tasklist user has. */
  @Bean
  ApplicationRunner users(IdentityService identity, AuthorizationService authorizations) {
    return args -> {
      for (String id : USERS) {
        if (identity.createUserQuery().userId(id).count() > 0) {
          continue;
        }
        User user = identity.newUser(id);
        user.setPassword("demo");
        identity.saveUser(user);
        identity.saveGroup(identity.newGroup(id + "-group"));
        identity.createMembership(id, id + "-group");
        grant(authorizations, id + "-group", Resources.PROCESS_DEFINITION, Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(authorizations, id + "-group", Resources.PROCESS_INSTANCE, Permissions.CREATE);
      }
    };
  }

  private static void grant(AuthorizationService authorizations, String group, Resources resource,
      Permissions... permissions) {
    Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    a.setGroupId(group);
    a.setResource(resource);
    a.setResourceId("*");
    for (Permissions p : permissions) {
      a.addPermission(p);
    }
    authorizations.saveAuthorization(a);
  }
}
