package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import vn.congdoan.award.NominationTestSupport;

/**
 * Password guessing is braked per client, and a stranger cannot lock anybody out: after the free attempts a
 * guessing client waits (429, Retry-After, a Vietnamese message) while the real user logs in from their own
 * machine at once; the engine's per-account lockout is off. Clients are told apart by the address the
 * reverse proxy reports (X-Forwarded-For from a trusted, internal proxy: here the test itself on loopback).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class LoginThrottleTest extends NominationTestSupport {
  @Autowired TestRestTemplate rest;

  ResponseEntity<String> taskList(String client, String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", client);
    headers.setBasicAuth(user, password);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    return rest.exchange("/engine-rest/task?maxResults=1", HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  /** As the login page does: its GET gives the session and the CSRF token, the POST sends them back. */
  ResponseEntity<String> webappLogin(String client, String user, String password) {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/cockpit/default/", String.class);
    java.util.Map<String, String> cookies = new java.util.LinkedHashMap<>();
    for (String setCookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      String pair = setCookie.split(";", 2)[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", client);
    headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    headers.set(HttpHeaders.COOKIE, cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining("; ")));
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", password);
    return rest.postForEntity("/camunda/api/admin/auth/user/default/login/cockpit", new HttpEntity<>(form, headers),
        String.class);
  }

  @Test
  void aGuessingClientWaitsWhileTheRealAdministratorLogsInFromTheirOwnMachine() {
    String attacker = "203.0.113.9";
    for (int i = 1; i <= 6; i++) {
      assertThat(taskList(attacker, "admin", "doan-" + i).getStatusCode().value()).as("guess %d", i).isEqualTo(401);
    }
    ResponseEntity<String> braked = taskList(attacker, "admin", "doan-7");
    assertThat(braked.getStatusCode().value()).isEqualTo(429);
    assertThat(braked.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    assertThat(braked.getBody()).contains("Đăng nhập sai quá nhiều lần từ máy này. Vui lòng thử lại sau 1 giây.");
    // even the right password is not checked from the braked client until it has waited
    assertThat(taskList(attacker, "admin", "demo").getStatusCode().value()).isEqualTo(429);

    assertThat(taskList("198.51.100.4", "admin", "demo").getStatusCode().value()).isEqualTo(200);
    assertThat(webappLogin("198.51.100.4", "admin", "demo").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void theBrakeGrowsWithEachFurtherFailureAndCoversTheWebappLogin() {
    String attacker = "203.0.113.10";
    for (int i = 1; i <= 6; i++) {
      assertThat(webappLogin(attacker, "kiemtra.tinh", "sai-" + i).getStatusCode().value()).isEqualTo(401);
    }
    assertThat(webappLogin(attacker, "kiemtra.tinh", "demo").getStatusCode().value()).isEqualTo(429);
    // the first wait is one second; attempts meanwhile are braked and not counted, the next one is checked
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .pollInterval(java.time.Duration.ofMillis(200))
        .until(() -> webappLogin(attacker, "kiemtra.tinh", "sai-7").getStatusCode().value() == 401);
    ResponseEntity<String> braked = taskList(attacker, "kiemtra.tinh", "sai-8");
    assertThat(braked.getStatusCode().value()).isEqualTo(429);
    assertThat(braked.getHeaders().getFirst("Retry-After")).isEqualTo("2");
  }

  @Test
  void aRightPasswordResetsTheClient() {
    String client = "203.0.113.11";
    for (int round = 0; round < 3; round++) {
      for (int i = 1; i <= 5; i++) {
        assertThat(taskList(client, "thuky.tinh", "sai").getStatusCode().value()).isEqualTo(401);
      }
      assertThat(taskList(client, "thuky.tinh", "demo").getStatusCode().value()).as("round %d", round).isEqualTo(200);
    }
  }

  @Test
  void noNumberOfWrongPasswordsLocksTheAccount() {
    for (int i = 0; i < 25; i++) {
      assertThat(identity.checkPassword("hoidong.tinh", "sai-" + i)).isFalse();
    }
    assertThat(identity.checkPassword("hoidong.tinh", "demo")).isTrue();
  }
}
