package vn.congdoan.award.audit;

import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The token a page's form carries back (protection against cross-site requests): one random value per
 * session, in a hidden field, compared in constant time. The session cookie is also SameSite=Lax, and a
 * browser that logged in with HTTP Basic would send those credentials cross-site: the token covers that.
 */
final class PageToken {
  static final String ATTRIBUTE = "award.pageToken";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PageToken() {}

  static String of(HttpSession session) {
    Object token = session.getAttribute(ATTRIBUTE);
    if (token == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(ATTRIBUTE, token);
    }
    return (String) token;
  }

  static boolean matches(HttpSession session, String token) {
    Object expected = session.getAttribute(ATTRIBUTE);
    return expected != null && token != null && MessageDigest.isEqual(
        ((String) expected).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
