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
 * session may use HTTP Basic with the same Camunda account. Without either, a browser opening a page (a GET
 * that accepts HTML and sends no credentials) is sent to the webapps' login page, where the one account is
 * entered; any other client gets 401 with the Basic challenge.
 */
public class AppPageAuthenticationFilter implements Filter {
  /** The login page of Tasklist, Cockpit and Admin (the welcome app). */
  static final String LOGIN_PAGE = "/camunda/app/welcome/default/#!/login";

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
      if (isBrowserPageRequest(req)) {
        resp.sendRedirect(req.getContextPath() + LOGIN_PAGE);
        return;
      }
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

  /** A browser navigating to a page: it asks for HTML and has no credentials to offer. */
  static boolean isBrowserPageRequest(HttpServletRequest req) {
    String accept = req.getHeader("Accept");
    return "GET".equals(req.getMethod()) && req.getHeader("Authorization") == null && accept != null
        && accept.contains("text/html");
  }
}
