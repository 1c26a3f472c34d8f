package vn.congdoan.award.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import vn.congdoan.award.support.Texts;

/**
 * Cockpit's plugin API ({@code /camunda/api/cockpit/...}) answers with counts and instances across the
 * province, and does not apply the engine's authorizations to all of them: only users who may open Cockpit
 * (administrators and auditors: the webapps record the applications a login may use) reach it.
 */
public class CockpitApiFilter implements Filter {
  private final String engineName;
  private final Texts texts;
  private final ObjectMapper json = new ObjectMapper();

  public CockpitApiFilter(String engineName, Texts texts) {
    this.engineName = engineName;
    this.texts = texts;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpSession session = ((HttpServletRequest) request).getSession(false);
    Authentications all = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    Authentication auth = all == null ? null : all.getAuthenticationForProcessEngine(engineName);
    if (auth instanceof UserAuthentication user && user.getAuthorizedApps() != null
        && user.getAuthorizedApps().contains("cockpit")) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse resp = (HttpServletResponse) response;
    resp.setStatus(auth instanceof UserAuthentication ? HttpServletResponse.SC_FORBIDDEN : HttpServletResponse.SC_UNAUTHORIZED);
    resp.setContentType("application/json");
    resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(resp.getOutputStream(), Map.of("type", "AuthorizationException",
        "message", texts.get("security.cockpitOnly")));
  }
}
