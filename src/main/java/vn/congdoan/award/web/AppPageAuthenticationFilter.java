package vn.congdoan.award.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * The application's own pages use the login of Tasklist, Cockpit and Admin: a user logged in there is
 * logged in here too (the webapps keep their authentication in the HTTP session). A client without that
 * session may use HTTP Basic with the same Camunda account; anything else gets 401.
 */
public class AppPageAuthenticationFilter implements Filter {
  private final ProcessEngine engine;
  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

  public AppPageAuthenticationFilter(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String userId = null;
    List<String> groups = null;
    List<String> tenants = null;
    HttpSession session = req.getSession(false);
    if (session != null) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      Authentication auth = authentications == null ? null
          : authentications.getAuthenticationForProcessEngine(engine.getName());
      if (auth instanceof UserAuthentication user) {
        userId = user.getIdentityId();
        groups = user.getGroupIds();
        tenants = user.getTenantIds();
      }
    }
    if (userId == null) {
      AuthenticationResult result = basic.extractAuthenticatedUser(req, engine);
      if (result.isAuthenticated()) {
        userId = result.getAuthenticatedUser();
        groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId).toList();
      }
    }
    if (userId == null) {
      HttpServletResponse resp = (HttpServletResponse) response;
      resp.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      basic.augmentResponseByAuthenticationChallenge(resp, engine);
      return;
    }
    engine.getIdentityService().setAuthentication(userId, groups, tenants);
    try {
      chain.doFilter(request, response);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }
}
