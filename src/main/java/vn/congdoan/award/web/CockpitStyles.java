package vn.congdoan.award.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import vn.congdoan.award.support.WithoutAuthorization;

/**
 * Cockpit's {@code styles/user-styles.css}, per user: the webjar's override (the hidden end-of-life banner) and,
 * for a user who may change nothing Cockpit changes (an auditor), {@code webapp-styles/cockpit-read-only.css},
 * which hides the buttons of write operations. Decided by the user's grants, not by a role's name: whoever
 * holds UPDATE on process instances, UPDATE_INSTANCE or SUSPEND on process definitions, or DELETE on
 * deployments keeps the buttons. Never cached, so a changed grant shows at the next page load.
 */
@Controller
public class CockpitStyles {
  static final String PATH = "/camunda/app/cockpit/styles/user-styles.css";

  /** Any one of these lets the user use Cockpit's write buttons. */
  private static final List<Grant> WRITES = List.of(
      new Grant(Permissions.UPDATE, Resources.PROCESS_INSTANCE),
      new Grant(Permissions.DELETE, Resources.PROCESS_INSTANCE),
      new Grant(ProcessDefinitionPermissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION),
      new Grant(ProcessDefinitionPermissions.SUSPEND, Resources.PROCESS_DEFINITION),
      new Grant(Permissions.DELETE, Resources.DEPLOYMENT));

  record Grant(Permission permission, Resource resource) {}

  private final ProcessEngine engine;
  private final WithoutAuthorization withoutAuthorization;
  private final String base = read("META-INF/resources/webjars/camunda/app/cockpit/styles/user-styles.css");
  private final String readOnly = read("webapp-styles/cockpit-read-only.css");

  public CockpitStyles(ProcessEngine engine, WithoutAuthorization withoutAuthorization) {
    this.engine = engine;
    this.withoutAuthorization = withoutAuthorization;
  }

  @GetMapping(PATH)
  ResponseEntity<String> styles(HttpServletRequest request) {
    String css = mayChange(request) ? base : base + readOnly;
    return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noCache().cachePrivate()).body(css);
  }

  /** True without a user (the login page) and when authorization is off: nothing to hide then. */
  boolean mayChange(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    Authentication auth = authentications == null ? null
        : authentications.getAuthenticationForProcessEngine(engine.getName());
    if (!(auth instanceof UserAuthentication user) || !engine.getProcessEngineConfiguration().isAuthorizationEnabled()) {
      return true;
    }
    AuthorizationService authorizations = engine.getAuthorizationService();
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    return withoutAuthorization.call(() -> WRITES.stream().anyMatch(g ->
        authorizations.isUserAuthorized(user.getIdentityId(), groups, g.permission(), g.resource())));
  }

  private static String read(String path) {
    try {
      return new String(new ClassPathResource(path).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
