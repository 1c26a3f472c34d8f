package vn.congdoan.award.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.congdoan.award.support.Texts;

/**
 * The brake on password guessing, per client rather than per account: a client (its address, as the
 * reverse proxy reports it) that sent more than {@code freeAttempts} wrong passwords in a row waits before
 * its next attempt, twice as long after each further failure up to {@code maxDelay}; meanwhile its attempts
 * are answered 429 with {@code Retry-After} without checking any password. A right password resets the
 * client. So a stranger slows only themselves and never locks a real user out (Camunda's own per-account
 * lockout is off, see {@code security.SecurityEnginePlugin}).
 *
 * <p>An attempt is a login to the webapps or any request carrying HTTP Basic credentials; a failure is
 * the 401 that follows.
 */
public class LoginThrottleFilter implements Filter {
  /** Failures of one client. */
  private static final class Record {
    int failures;
    long lastFailure;
    long blockedUntil;
  }

  private final int freeAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration forgetAfter;
  private final int maxClients;
  private final Clock clock;
  private final Texts texts;
  private final ObjectMapper json = new ObjectMapper();
  /** Least recently failed first; bounded, so a flood of addresses cannot exhaust memory. */
  private final LinkedHashMap<String, Record> clients;

  public LoginThrottleFilter(int freeAttempts, Duration baseDelay, Duration maxDelay, Duration forgetAfter,
      int maxClients, Clock clock, Texts texts) {
    this.freeAttempts = freeAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.forgetAfter = forgetAfter;
    this.maxClients = maxClients;
    this.clock = clock;
    this.texts = texts;
    this.clients = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
        return size() > LoginThrottleFilter.this.maxClients;
      }
    };
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse resp = (HttpServletResponse) response;
    if (!isAttempt(req)) {
      chain.doFilter(request, response);
      return;
    }
    String client = req.getRemoteAddr();
    long now = clock.millis();
    long wait = waitFor(client, now);
    if (wait > 0) {
      long seconds = Math.max(1, (wait + 999) / 1000);
      resp.setStatus(429);
      resp.setHeader("Retry-After", Long.toString(seconds));
      resp.setContentType("application/json");
      resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
      json.writeValue(resp.getOutputStream(), Map.of("type", "TooManyLoginAttempts", "retryAfterSeconds", seconds,
          "message", texts.get("security.loginThrottled", seconds)));
      return;
    }
    chain.doFilter(request, response);
    int status = resp.getStatus();
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      failed(client, now);
    } else if (status < 400) {
      succeeded(client);
    }
  }

  static boolean isAttempt(HttpServletRequest req) {
    String auth = req.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      return true;
    }
    String path = req.getRequestURI().substring(req.getContextPath().length());
    return "POST".equals(req.getMethod()) && path.startsWith("/camunda/api/admin/auth/user/") && path.contains("/login/");
  }

  /** Milliseconds the client must still wait, 0 if it may try now. */
  synchronized long waitFor(String client, long now) {
    Record r = clients.get(client);
    if (r == null) {
      return 0;
    }
    if (now - r.lastFailure > forgetAfter.toMillis()) {
      clients.remove(client);
      return 0;
    }
    return Math.max(0, r.blockedUntil - now);
  }

  synchronized void failed(String client, long now) {
    Record r = clients.computeIfAbsent(client, c -> new Record());
    r.failures++;
    r.lastFailure = now;
    int over = r.failures - freeAttempts;
    if (over > 0) {
      long delay = baseDelay.toMillis() << Math.min(over - 1, 30);
      r.blockedUntil = now + Math.min(delay, maxDelay.toMillis());
    }
  }

  synchronized void succeeded(String client) {
    clients.remove(client);
  }
}
