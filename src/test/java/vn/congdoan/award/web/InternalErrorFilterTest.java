package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@link InternalErrorFilter} on its own: whatever part of the web layer answers 500 or more without the
 * application's reference (the webapps' own mappers, the container, a filter, an exception nobody caught),
 * the client reads the generic answer; the application's own generic answer passes as it is.
 */
class InternalErrorFilterTest {
  static final String LEAK = "ERROR: relation \"nomination\" does not exist; SQL [select * from nomination] at org.h2.Driver";

  final ObjectMapper json = new ObjectMapper();

  MockHttpServletResponse run(FilterChain chain) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new InternalErrorFilter().doFilter(new MockHttpServletRequest("GET", "/camunda/api/cockpit/plugin/x"), response, chain);
    return response;
  }

  void assertGeneric(MockHttpServletResponse response, int status) throws Exception {
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(body).doesNotContain("SQL", "nomination", "org.h2", "relation");
    Map<?, ?> answer = json.readValue(body, Map.class);
    assertThat(answer.get("type")).isEqualTo("InternalError");
    assertThat((String) answer.get("message")).startsWith("Hệ thống gặp lỗi khi xử lý yêu cầu.")
        .endsWith("mã lỗi " + answer.get("reference") + ".");
    assertThat(response.getHeader("X-Error-Reference")).isEqualTo(answer.get("reference"));
    assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
  }

  @Test
  void aServerErrorWrittenThroughTheWriterIsReplaced() throws Exception {
    assertGeneric(run((req, res) -> {
      HttpServletResponse r = (HttpServletResponse) res;
      r.setContentType("application/json;charset=UTF-8");
      r.setContentLength(LEAK.length() + 13);
      r.setStatus(500);
      r.getWriter().write("{\"message\":\"" + LEAK + "\"}");
    }), 500);
  }

  @Test
  void aServerErrorWrittenThroughTheStreamIsReplaced() throws Exception {
    assertGeneric(run((req, res) -> {
      HttpServletResponse r = (HttpServletResponse) res;
      r.setStatus(503);
      r.getOutputStream().write(LEAK.getBytes(StandardCharsets.UTF_8));
      r.flushBuffer();
    }), 503);
  }

  @Test
  void aSendErrorOfTheContainerIsReplaced() throws Exception {
    assertGeneric(run((req, res) -> ((HttpServletResponse) res).sendError(500, LEAK)), 500);
  }

  @Test
  void anExceptionNobodyCaughtIsAnsweredAndNotPropagated() throws Exception {
    assertGeneric(run((req, res) -> {
      throw new IllegalStateException(LEAK);
    }), 500);
  }

  @Test
  void theApplicationsOwnGenericAnswerPassesUnchanged() throws Exception {
    MockHttpServletResponse response = run((req, res) -> {
      HttpServletResponse r = (HttpServletResponse) res;
      r.setStatus(500);
      r.setHeader("X-Error-Reference", "0123456789ab");
      r.getWriter().write("{\"type\":\"InternalError\",\"reference\":\"0123456789ab\"}");
    });
    assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"InternalError\",\"reference\":\"0123456789ab\"}");
  }

  @Test
  void otherAnswersPassUnchanged() throws Exception {
    MockHttpServletResponse response = run((req, res) -> {
      HttpServletResponse r = (HttpServletResponse) res;
      r.setStatus(400);
      r.setContentType("application/json;charset=UTF-8");
      r.getWriter().write("{\"message\":\"Hồ sơ chưa hợp lệ\"}");
    });
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Hồ sơ chưa hợp lệ\"}");
  }
}
