package vn.congdoan.award.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Limits and headers for the application's own paths and the APIs ({@code /engine-rest/*}, {@code /api/*},
 * {@code /camunda/api/*}, {@code /mailbox*}), applied before authentication (see
 * {@link WebHardeningConfiguration}):
 *
 * <ul>
 *   <li>a request body larger than {@code award.web.max-request-bytes} (an upload, a deployment to
 *       {@code /engine-rest/deployment/create} or an attachment to {@code /ho-so/<code>/tep-dinh-kem}:
 *       {@code award.web.max-deployment-bytes}) is answered with 413
 *       and a Vietnamese JSON message before anything reads it. A body with a Content-Length is judged by
 *       it; a body without one (chunked) is read into memory up to the limit first, and the request goes
 *       on with that copy, so a body that turns out too large is refused before any of it is processed;
 *   <li>a body declared as {@code application/x-java-serialized-object} is refused with 400 (the engine
 *       refuses Java serialization too; this stops it at the door);
 *   <li>{@code X-Content-Type-Options}, {@code X-Frame-Options}, {@code Referrer-Policy},
 *       {@code Cache-Control: no-store} on every response of {@code /api}, {@code /mailbox} and
 *       {@code /engine-rest}, and a {@code Content-Security-Policy} that allows nothing on the JSON APIs.
 *       They are defaults: a header the application sets itself (the mailbox page sets its own policy)
 *       replaces the default instead of being added beside it; only {@code Cache-Control: no-store} on
 *       the JSON APIs stays whatever is set later (Camunda's REST API would weaken it to {@code no-cache}).
 *       The Camunda webapps ({@code /camunda/*})
 *       get theirs from Camunda's own header-security filter ({@code camunda.bpm.webapp.header-security}).
 * </ul>
 */
public class RequestLimitsFilter implements Filter {
  static final String SERIALIZED_JAVA = "application/x-java-serialized-object";
  static final String TOO_LARGE_TYPE = "PayloadTooLarge";
  static final String REFUSED_TYPE = "UnsupportedContent";

  /** Uploads: a deployment (a BPMN with its DMN tables and forms) and a nomination's attachment. */
  private static final Pattern UPLOAD =
      Pattern.compile("^(/engine-rest(/engine/[^/]+)?/deployment/create|/ho-so/[^/]+/tep-dinh-kem)/?$");
  private static final String JSON_CSP = "default-src 'none'; frame-ancestors 'none'";
  /** The nominations' pages: no scripts, their own style sheet, forms only to themselves. */
  private static final String PAGES_CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'";

  private final long maxRequestBytes;
  private final long maxDeploymentBytes;

  public RequestLimitsFilter(long maxRequestBytes, long maxDeploymentBytes) {
    if (maxRequestBytes <= 0 || maxDeploymentBytes <= 0) {
      throw new IllegalArgumentException("award.web.max-request-bytes and award.web.max-deployment-bytes must be positive");
    }
    this.maxRequestBytes = maxRequestBytes;
    this.maxDeploymentBytes = maxDeploymentBytes;
  }

  public long maxRequestBytes() {
    return maxRequestBytes;
  }

  public long maxDeploymentBytes() {
    return maxDeploymentBytes;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    String path = pathOf(request);
    HttpServletResponse out = withSecurityHeaders(path, response);

    String contentType = request.getContentType();
    if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith(SERIALIZED_JAVA)) {
      refuse(out, HttpServletResponse.SC_BAD_REQUEST, REFUSED_TYPE,
          "Không chấp nhận dữ liệu tuần tự hóa theo kiểu Java (" + SERIALIZED_JAVA + "); hãy gửi JSON.");
      return;
    }

    long limit = UPLOAD.matcher(path).matches() ? maxDeploymentBytes : maxRequestBytes;
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      tooLarge(out, limit);
      return;
    }
    if (declared < 0 && mayHaveBody(request)) { // a body without Content-Length (chunked)
      byte[] body = readAtMost(request.getInputStream(), limit);
      if (body == null) {
        tooLarge(out, limit);
        return;
      }
      chain.doFilter(new BufferedBodyRequest(request, body), out);
      return;
    }
    chain.doFilter(request, out);
  }

  /**
   * Whether a request without Content-Length can still carry a body: in HTTP/1.1 only with a
   * Transfer-Encoding (chunked); in HTTP/2 a body needs no length.
   */
  static boolean mayHaveBody(HttpServletRequest request) {
    String protocol = request.getProtocol();
    return request.getHeader("Transfer-Encoding") != null || protocol == null || !protocol.startsWith("HTTP/1");
  }

  /** The path inside the application as the container mapped it (decoded and normalized). */
  static String pathOf(HttpServletRequest request) {
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
    return servletPath + pathInfo;
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  private static HttpServletResponse withSecurityHeaders(String path, HttpServletResponse response) {
    boolean jsonApi = under(path, "/api") || under(path, "/engine-rest");
    boolean mailbox = under(path, "/mailbox");
    boolean pages = under(path, "/ho-so") || path.equals("/ho-so.csv") || path.equals("/ho-so.xlsx")
        || under(path, "/quyet-dinh");
    if (!jsonApi && !mailbox && !pages) {
      return response; // the webapps (/camunda/api/*) have Camunda's own header filter
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("X-Content-Type-Options", "nosniff");
    defaults.put("X-Frame-Options", "DENY");
    defaults.put("Referrer-Policy", "no-referrer");
    defaults.put("Cache-Control", "no-store");
    if (jsonApi) {
      defaults.put("Content-Security-Policy", JSON_CSP);
    } else if (pages) {
      defaults.put("Content-Security-Policy", PAGES_CSP);
    }
    // Every answer of the APIs is personal (dossiers, tasks, history): no cache may keep it, whatever
    // Camunda's REST API says (its CacheControlFilter sets "no-cache" on GET, which lets caches store it).
    Set<String> enforced = jsonApi ? Set.of("cache-control") : Set.of();
    return new DefaultHeadersResponse(response, defaults, enforced);
  }

  private void tooLarge(HttpServletResponse response, long limit) throws IOException {
    refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE_TYPE,
        "Dữ liệu gửi lên quá lớn: tối đa " + size(limit) + " cho mỗi yêu cầu.");
  }

  static String size(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KB";
    }
    return bytes + " byte";
  }

  private static void refuse(HttpServletResponse response, int status, String type, String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    byte[] json = ("{\"type\":\"" + type + "\",\"message\":\"" + jsonEscape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
    response.flushBuffer();
  }

  private static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** The whole body if it has at most {@code limit} bytes, {@code null} if it has more. */
  static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      total += n;
      if (total > limit) {
        return null;
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  /**
   * A request whose body was read ahead: its stream, its reader, and (for a form body) its parameters all
   * come from the copy, as the container would have given them from the original body.
   */
  static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private Map<String, String[]> parameters;
    private boolean streamUsed;
    private boolean readerUsed;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      if (readerUsed) {
        throw new IllegalStateException("getReader() has already been called for this request");
      }
      streamUsed = true;
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public int available() {
          return in.available();
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          try {
            listener.onDataAvailable();
            listener.onAllDataRead();
          } catch (IOException e) {
            listener.onError(e);
          }
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      if (streamUsed) {
        throw new IllegalStateException("getInputStream() has already been called for this request");
      }
      readerUsed = true;
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    private Charset charset() {
      String encoding = getCharacterEncoding();
      try {
        return encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      } catch (RuntimeException e) {
        return StandardCharsets.ISO_8859_1;
      }
    }

    private boolean formBody() {
      String type = getContentType();
      return "POST".equalsIgnoreCase(getMethod()) && type != null
          && type.trim().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The query string's parameters (from the container, which no longer sees the body) and the form's. */
    private synchronized Map<String, String[]> parameters() {
      if (parameters == null) {
        Map<String, String[]> merged = new LinkedHashMap<>(super.getParameterMap());
        if (formBody() && !streamUsed && !readerUsed) {
          String form = new String(body, charset());
          for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
              continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset());
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset());
            String[] old = merged.get(name);
            String[] values = old == null ? new String[1] : Arrays.copyOf(old, old.length + 1);
            values[values.length - 1] = value;
            merged.put(name, values);
          }
        }
        parameters = Collections.unmodifiableMap(merged);
      }
      return parameters;
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters().get(name);
      return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      String[] values = parameters().get(name);
      return values == null ? null : values.clone();
    }
  }

  /**
   * Sets default headers up front; a header the application sets or adds itself replaces the default
   * (so it is never doubled), except the {@code enforced} ones (lower case), which keep their default;
   * a reset of the response puts the defaults back.
   */
  static final class DefaultHeadersResponse extends HttpServletResponseWrapper {
    private final Map<String, String> defaults;
    private final Set<String> enforced;
    private final Set<String> untouched = new HashSet<>();

    DefaultHeadersResponse(HttpServletResponse response, Map<String, String> defaults, Set<String> enforced) {
      super(response);
      this.defaults = defaults;
      this.enforced = enforced;
      applyDefaults();
    }

    private boolean isEnforced(String name) {
      return name != null && enforced.contains(name.toLowerCase(Locale.ROOT));
    }

    private void applyDefaults() {
      defaults.forEach((name, value) -> {
        if (!getResponse().isCommitted() && !((HttpServletResponse) getResponse()).containsHeader(name)) {
          super.setHeader(name, value);
          untouched.add(name.toLowerCase(Locale.ROOT));
        }
      });
    }

    @Override
    public void setHeader(String name, String value) {
      if (isEnforced(name)) {
        return;
      }
      if (name != null) {
        untouched.remove(name.toLowerCase(Locale.ROOT));
      }
      super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      if (isEnforced(name)) {
        return;
      }
      if (name != null && untouched.remove(name.toLowerCase(Locale.ROOT))) {
        super.setHeader(name, value);
      } else {
        super.addHeader(name, value);
      }
    }

    @Override
    public void reset() {
      super.reset();
      untouched.clear();
      applyDefaults();
    }
  }
}
