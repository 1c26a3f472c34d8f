package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;

/**
 * The hardening of the web layer: request bodies bounded (413 with a Vietnamese message, whether the size is
 * declared or the body is chunked, and nothing started), Java-serialized bodies refused, security headers on
 * the application's own paths and the REST API, Camunda's CSRF protection and headers on the webapps, and a
 * server error that shows a reference and nothing internal (SQL, exception, stack trace) through every API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
@ExtendWith(OutputCaptureExtension.class)
class WebHardeningTest extends NominationTestSupport {
  static final String START = "/engine-rest/process-definition/key/award-nomination/start";
  static final String TOO_LARGE = "Dữ liệu gửi lên quá lớn: tối đa 1 MB cho mỗi yêu cầu.";
  static final int TWO_MIB = 2 * 1024 * 1024;

  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();

  RestClient as(String user) {
    return new RestClient(rest, user, "demo");
  }

  long instances() {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey("award-nomination").count();
  }

  /**
   * A start request of exactly {@code size} bytes: a valid dossier, padded with JSON whitespace, so that
   * only its size can refuse it.
   */
  String startBody(int size) throws Exception {
    String dossier = json.writeValueAsString(Map.of("variables", RestClient.typed(dossier("giay-khen"))));
    int bytes = dossier.getBytes(StandardCharsets.UTF_8).length;
    return dossier.substring(0, dossier.length() - 1) + " ".repeat(size - bytes) + "}";
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs {@code body} without a Content-Length (chunked), as a streaming client would. */
  HttpResponse<String> postChunked(String path, String user, byte[] body) throws Exception {
    HttpRequest request = request(path)
        .header("Authorization", basic(user))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();
    return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aBrowserOpeningAPageThatDoesNotExistGetsTheVietnamesePage() throws Exception {
    HttpResponse<String> page = http.send(request("/khong-co-trang-nay")
        .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET().build(), BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("<html lang=\"vi\"").contains("Không tìm thấy trang")
        .contains("/camunda/app/welcome/default/").doesNotContain("Whitelabel");
  }

  @Test
  void anOversizedBodyGets413WithAVietnameseMessageAndStartsNothing() throws Exception {
    long before = instances();

    String body = startBody(TWO_MIB);
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(TWO_MIB);

    ResponseEntity<Map> response = as("lap.bvdk").exchange(HttpMethod.POST, START, body, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(response.getBody()).containsEntry("type", "PayloadTooLarge").containsEntry("message", TOO_LARGE);
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void anOversizedChunkedBodyGets413Too() throws Exception {
    long before = instances();

    HttpResponse<String> response = postChunked(START, "lap.bvdk", startBody(TWO_MIB).getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(413);
    Map<String, Object> body = json.readValue(response.body(), Map.class);
    assertThat(body).containsEntry("type", "PayloadTooLarge").containsEntry("message", TOO_LARGE);
    assertThat(instances()).isEqualTo(before);
  }

  @Test
  void aChunkedBodyWithinTheLimitIsProcessedAsUsual() throws Exception {
    long before = instances();

    HttpResponse<String> response = postChunked(START, "lap.bvdk", startBody(4096).getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat((String) json.readValue(response.body(), Map.class).get("businessKey")).matches("HS-\\d{4}-\\d{5}");
    assertThat(instances()).isEqualTo(before + 1);
  }

  @Test
  void theLimitIsOneMebibyteExactly() throws Exception {
    long before = instances();
    int mib = 1024 * 1024;

    ResponseEntity<Map> atTheLimit = as("lap.bvdk").exchange(HttpMethod.POST, START, startBody(mib), Map.class);
    ResponseEntity<Map> overIt = as("lap.bvdk").exchange(HttpMethod.POST, START, startBody(mib + 1), Map.class);
    HttpResponse<String> chunkedAtTheLimit = postChunked(START, "lap.bvdk", startBody(mib).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> chunkedOverIt = postChunked(START, "lap.bvdk", startBody(mib + 1).getBytes(StandardCharsets.UTF_8));

    assertThat(atTheLimit.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(overIt.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(chunkedAtTheLimit.statusCode()).as(chunkedAtTheLimit.body()).isEqualTo(200);
    assertThat(chunkedOverIt.statusCode()).isEqualTo(413);
    assertThat(instances()).isEqualTo(before + 2);
  }

  @Test
  void theSizeIsCheckedBeforeTheCredentials() throws Exception {
    ResponseEntity<Map> anonymous = new RestClient(rest, null, null)
        .exchange(HttpMethod.POST, START, startBody(TWO_MIB), Map.class);

    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(anonymous.getBody()).containsEntry("type", "PayloadTooLarge");
  }

  /** A multipart deployment of one text resource of {@code size} bytes, sent chunked if asked. */
  HttpResponse<String> deploy(String name, int size, boolean chunked) throws Exception {
    String boundary = "----award" + System.nanoTime();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + name + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + ".txt\"; filename=\"" + name + ".txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n";
    byte[] body = (head + "x".repeat(size) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpRequest request = request("/engine-rest/deployment/create")
        .header("Authorization", basic("admin"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)) : BodyPublishers.ofByteArray(body))
        .build();
    return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aDeploymentMayBeLargerUpToItsOwnLimit() throws Exception {
    HttpResponse<String> twoMebibytes = deploy("hardening-large", TWO_MIB, false);
    assertThat(twoMebibytes.statusCode()).as(twoMebibytes.body()).isEqualTo(200);
    assertThat(twoMebibytes.body()).contains("hardening-large");

    HttpResponse<String> tooLarge = deploy("hardening-too-large", 10 * 1024 * 1024, true);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(json.readValue(tooLarge.body(), Map.class))
        .containsEntry("message", "Dữ liệu gửi lên quá lớn: tối đa 10 MB cho mỗi yêu cầu.");
    assertThat(engine.getRepositoryService().createDeploymentQuery().deploymentName("hardening-too-large").count())
        .isZero();
  }

  @Test
  void aJavaSerializedBodyIsRefusedWith400() throws Exception {
    long before = instances();
    HttpRequest request = request(START)
        .header("Authorization", basic("lap.bvdk"))
        .header("Content-Type", "application/x-java-serialized-object")
        .POST(BodyPublishers.ofByteArray(new byte[] {(byte) 0xac, (byte) 0xed, 0x00, 0x05}))
        .build();

    HttpResponse<String> response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    Map<String, Object> body = json.readValue(response.body(), Map.class);
    assertThat((String) body.get("message")).contains("tuần tự hóa theo kiểu Java");
    assertThat(instances()).isEqualTo(before);
  }

  static void assertSecurityHeaders(org.springframework.http.HttpHeaders headers) {
    assertThat(headers.get("X-Content-Type-Options")).containsExactly("nosniff");
    assertThat(headers.get("X-Frame-Options")).containsExactly("DENY");
    assertThat(headers.get("Referrer-Policy")).containsExactly("no-referrer");
    assertThat(headers.get("Cache-Control")).containsExactly("no-store");
    assertThat(headers.get("Content-Security-Policy")).containsExactly("default-src 'none'; frame-ancestors 'none'");
  }

  @Test
  void theApplicationsApiAnswersWithSecurityHeaders() {
    ResponseEntity<Map> response = as("lap.bvdk").get("/api/me/mail-preference");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertSecurityHeaders(response.getHeaders());

    // an error answered through the container's error page keeps them
    ResponseEntity<Map> malformed = as("lap.bvdk").exchange(HttpMethod.PUT, "/api/me/mail-preference", "{not json", Map.class);
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertSecurityHeaders(malformed.getHeaders());
  }

  @Test
  void theRestApiAnswersWithSecurityHeaders() {
    ResponseEntity<Map> response = as("lap.bvdk").get("/engine-rest/task/count");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertSecurityHeaders(response.getHeaders());

    // a refused login too
    ResponseEntity<Map> anonymous = new RestClient(rest, null, null).get("/engine-rest/task/count");
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertSecurityHeaders(anonymous.getHeaders());
  }

  static final String SUBMIT_FORM =
      "/camunda/api/engine/engine/default/process-definition/key/award-nomination/submit-form";

  /** A browser's cookies and its session's CSRF token, as Tasklist's scripts keep them. */
  record Browser(HttpClient client, CookieManager cookies, String token) {}

  /** Opens Tasklist (which hands out the session's CSRF token) and, if {@code user} is given, logs in. */
  Browser openTasklist(String user) throws Exception {
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpResponse<String> page = client.send(request("/camunda/app/tasklist/").GET().build(), BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(setCookie(page, "XSRF-TOKEN")).containsIgnoringCase("SameSite=Strict");
    assertThat(setCookie(page, "JSESSIONID")).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");
    if (user == null) {
      return new Browser(client, cookies, cookie(cookies, "XSRF-TOKEN"));
    }
    HttpResponse<String> login = client.send(login(cookie(cookies, "XSRF-TOKEN"), user), BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpResponse<String> me = client.send(request("/camunda/api/admin/auth/user/default").GET().build(),
        BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains(user);
    return new Browser(client, cookies, cookie(cookies, "XSRF-TOKEN"));
  }

  HttpRequest login(String token, String user) {
    HttpRequest.Builder login = request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo"));
    if (token != null) {
      login.header("X-XSRF-TOKEN", token);
    }
    return login.build();
  }

  HttpResponse<String> submitForm(Browser browser, String token) throws Exception {
    String submit = json.writeValueAsString(Map.of("variables", RestClient.typed(dossier("giay-khen"))));
    HttpRequest.Builder post = request(SUBMIT_FORM).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(submit));
    if (token != null) {
      post.header("X-XSRF-TOKEN", token);
    }
    return browser.client().send(post.build(), BodyHandlers.ofString());
  }

  @Test
  void theWebappsRefuseAModifyingRequestWithoutTheCsrfToken() throws Exception {
    long before = instances();

    // without a session: refused (the webapps' authentication answers before the CSRF check)
    Browser anonymous = new Browser(http, null, null);
    assertThat(submitForm(anonymous, null).statusCode()).isIn(401, 403);
    assertThat(instances()).isEqualTo(before);

    // a login without the token: refused by the CSRF filter
    Browser fresh = openTasklist(null);
    assertThat(fresh.client().send(login(null, "lap.bvdk"), BodyHandlers.ofString()).statusCode()).isEqualTo(403);

    // logged in, but without the X-XSRF-TOKEN header (a forged cross-site request): 403, nothing started
    HttpResponse<String> forged = submitForm(openTasklist("lap.bvdk"), null);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    assertThat(instances()).isEqualTo(before);

    // logged in, with a token that is not the session's: 403, nothing started
    assertThat(submitForm(openTasklist("lap.bvdk"), "0123456789ABCDEF0123456789ABCDEF").statusCode()).isEqualTo(403);
    assertThat(instances()).isEqualTo(before);

    // the same request with the session's token is Tasklist's own: it goes through
    Browser tasklist = openTasklist("lap.bvdk");
    HttpResponse<String> genuine = submitForm(tasklist, tasklist.token());
    assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
    assertThat(instances()).isEqualTo(before + 1);
  }

  /** The last Set-Cookie for {@code name} along the response and the redirects that led to it. */
  static String setCookie(HttpResponse<?> response, String name) {
    List<String> values = new ArrayList<>();
    for (HttpResponse<?> r = response; r != null; r = r.previousResponse().orElse(null)) {
      values.addAll(0, r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList());
    }
    assertThat(values).as("Set-Cookie %s", name).isNotEmpty();
    return values.get(values.size() - 1);
  }

  static String cookie(CookieManager cookies, String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
  }

  @Test
  void theWebappsHaveCamundasSecurityHeaders() throws Exception {
    HttpResponse<String> page = http.send(request("/camunda/app/tasklist/").GET().build(), BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("frame-ancestors 'none'").contains("object-src 'none'").contains("script-src 'nonce-"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("X-XSS-Protection")).hasValue("1; mode=block");
    assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty(); // plain HTTP by default
  }

  // ---------------------------------------------------------------------------------------------------
  // a server error shows a reference, nothing internal, through every API
  // ---------------------------------------------------------------------------------------------------

  /**
   * Two processes whose service task fails as a bug or a broken database would, with an SQL error that names
   * a table: one started directly, one that fails when a nomination's withdrawal message reaches it.
   */
  static final String FAILING = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://example.org/probe">
        <message id="withdrawn" name="nominationWithdrawn"/>
        <process id="internal-error-probe" isExecutable="true" camunda:historyTimeToLive="1">
          <startEvent id="s"/><sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
          <serviceTask id="t" camunda:expression="${jdbcTemplate.queryForList('select secret_column from no_such_table')}"/>
          <sequenceFlow id="f2" sourceRef="t" targetRef="e"/><endEvent id="e"/>
        </process>
        <process id="withdrawal-error-probe" isExecutable="true" camunda:historyTimeToLive="1">
          <startEvent id="ws"/><sequenceFlow id="w1" sourceRef="ws" targetRef="w"/>
          <intermediateCatchEvent id="w"><messageEventDefinition messageRef="withdrawn"/></intermediateCatchEvent>
          <sequenceFlow id="w2" sourceRef="w" targetRef="wt"/>
          <serviceTask id="wt" camunda:expression="${jdbcTemplate.queryForList('select secret_column from no_such_table')}"/>
          <sequenceFlow id="w3" sourceRef="wt" targetRef="we"/><endEvent id="we"/>
        </process>
      </definitions>""";

  void deployFailingProcesses() {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("internal-error-probe").count() == 0) {
      engine.getRepositoryService().createDeployment().name("failing").addString("failing.bpmn", FAILING).deploy();
    }
  }

  /** 500 with the generic Vietnamese message and a reference that the log has with the whole exception. */
  void assertInternalError(int status, String referenceHeader, String body, CapturedOutput output) throws Exception {
    assertThat(status).as(body).isEqualTo(500);
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = json.readValue(body, Map.class);
    String reference = (String) answer.get("reference");
    assertThat(reference).matches("[0-9a-f]{12}").isEqualTo(referenceHeader);
    assertThat(answer.get("type")).isEqualTo("InternalError");
    assertThat(answer.get("message")).isEqualTo("Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau; nếu lỗi "
        + "vẫn còn, hãy báo quản trị viên mã lỗi " + reference + ".");
    assertThat(answer.keySet()).containsExactlyInAnyOrder("type", "message", "reference");
    assertThat(body.toLowerCase()).doesNotContain("no_such_table", "secret_column", "select", "sql", "exception",
        "org.", "jdbc");
    String log = output.getAll();
    int logged = log.indexOf("Internal error, reference " + reference);
    assertThat(logged).as("the reference in the log").isNotNegative();
    assertThat(log.indexOf("NO_SUCH_TABLE", logged)).as("the exception logged with the reference").isPositive();
  }

  @Test
  void aServerErrorOfTheRestApiShowsAReferenceAndNothingInternal(CapturedOutput output) throws Exception {
    deployFailingProcesses();
    ResponseEntity<String> failed = as("admin").exchange(HttpMethod.POST,
        "/engine-rest/process-definition/key/internal-error-probe/start", Map.of(), String.class);
    assertInternalError(failed.getStatusCode().value(), failed.getHeaders().getFirst("X-Error-Reference"),
        failed.getBody(), output);
  }

  @Test
  void aServerErrorOfTheWebappsApiShowsAReferenceAndNothingInternal(CapturedOutput output) throws Exception {
    deployFailingProcesses();
    TasklistSession tasklist = TasklistSession.login(port, "admin");
    HttpResponse<String> failed = tasklist.send("POST",
        TasklistSession.ENGINE + "/process-definition/key/internal-error-probe/start", "application/json", "{}");
    assertInternalError(failed.statusCode(), failed.headers().firstValue("X-Error-Reference").orElse(null),
        failed.body(), output);
  }

  @Test
  void aServerErrorOfTheApplicationsApiShowsAReferenceAndNothingInternal(CapturedOutput output) throws Exception {
    deployFailingProcesses();
    String pi = runtime.startProcessInstanceByKey("withdrawal-error-probe").getId();
    jdbc.update("""
        insert into nomination (process_instance_id, code, nominee_name, nominee_kind, holds_leadership_post,
          direct_worker, unit_code, province_unit_code, award_form, movement, round_code, round_year, status,
          created_at, updated_at)
        values (?, 'HS-2026-99990', 'Thử lỗi', 'individual', false, true, 'cs_bvdk_tinh', 'tinh', 'giay-khen',
          'lao-dong-gioi', '2026-tong-ket', 2026, 'IN_REVIEW', current_timestamp, current_timestamp)""", pi);
    ResponseEntity<String> failed = as("chutich.bvdk").exchange(HttpMethod.POST,
        "/api/nominations/HS-2026-99990/withdrawal", Map.of("reason", "Chuyển công tác."), String.class);
    assertInternalError(failed.getStatusCode().value(), failed.getHeaders().getFirst("X-Error-Reference"),
        failed.getBody(), output);
  }
}
