package vn.congdoan.award.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A user logged in to Tasklist, calling the webapps' API ({@code /camunda/api/engine/...}) as Tasklist's own
 * scripts do: with the session cookie and the session's CSRF token in {@code X-XSRF-TOKEN}.
 */
public final class TasklistSession {
  /** Where Tasklist reaches the engine's REST API. */
  public static final String ENGINE = "/camunda/api/engine/engine/default";

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  private TasklistSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** A client without a login (it gets the webapps' anonymous session). */
  public static TasklistSession anonymous(int port) {
    return new TasklistSession(port);
  }

  /** Opens Tasklist (which hands out the CSRF token) and logs in with the demo password. */
  public static TasklistSession login(int port, String user) {
    TasklistSession session = new TasklistSession(port);
    session.send("GET", "/camunda/app/tasklist/", null, null);
    HttpResponse<String> login = session.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
        "application/x-www-form-urlencoded",
        "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo");
    if (login.statusCode() != 200) {
      throw new IllegalStateException("Tasklist login of " + user + ": " + login.statusCode() + " " + login.body());
    }
    session.send("GET", "/camunda/api/admin/auth/user/default", null, null); // the new session's token
    return session;
  }

  /** A request with the session and its token; {@code body} is sent as it is. */
  public HttpResponse<String> send(String method, String path, String contentType, String body) {
    return send(method, path, contentType, body, "application/json");
  }

  /** The same, asking for {@code accept} (Tasklist asks filter lists as {@code application/hal+json}). */
  public HttpResponse<String> send(String method, String path, String contentType, String body, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", accept)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
        .ifPresent(token -> request.header("X-XSRF-TOKEN", token.getValue()));
    try {
      return client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
